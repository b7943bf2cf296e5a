import fc from 'fast-check';
import { FieldType, type GroupWiseField } from '../../src/groupwise/wire/index.js';

const tag = fc.stringMatching(/^[A-Za-z_ ][A-Za-z0-9_ ]{0,20}$/);
const method = fc.constantFrom(0, 1, 2, 3, 15, 16);
const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const numberType = fc.constantFrom(
  FieldType.number,
  FieldType.byte,
  FieldType.ubyte,
  FieldType.word,
  FieldType.uword,
  FieldType.dword,
  FieldType.udword,
  FieldType.bool,
);

/** Any field this codec writes, arrays nested up to three deep. */
export const anyField: fc.Arbitrary<GroupWiseField> = fc.letrec<{ field: GroupWiseField }>((tie) => ({
  field: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ tag, method, type: fc.constantFrom(FieldType.utf8, FieldType.dn), value: text }),
    fc.record({ tag, method, type: numberType, value: fc.nat({ max: 0xffff_ffff }) }),
    fc.record({ tag, method, type: fc.constant(FieldType.binary), value: fc.uint8Array({ maxLength: 20 }) }),
    fc.record({
      tag,
      method,
      type: fc.constantFrom(FieldType.array, FieldType.multivalue),
      value: fc.array(tie('field'), { maxLength: 3 }),
    }),
  ) as fc.Arbitrary<GroupWiseField>,
})).field;

/** Any list of fields. */
export const anyFields = fc.array(anyField, { maxLength: 5 });
