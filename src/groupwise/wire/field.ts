import { GroupWiseProtocolError } from './protocol-error.js';

/** A field's type, as the protocol numbers it (`type=` in a request, a byte in a response). */
export const FieldType = {
  number: 1,
  binary: 2,
  byte: 3,
  ubyte: 4,
  word: 5,
  uword: 6,
  dword: 7,
  udword: 8,
  array: 9,
  utf8: 10,
  bool: 11,
  multivalue: 12,
  dn: 13,
} as const;

/** One of the protocol's field type numbers. */
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

/** What a field asks of the server (`cmd=` in a request): 0-9 as digits, 10-16 as `A`-`G`. */
export const FieldMethod = {
  valid: 0,
  add: 1,
  delete: 2,
  deleteAll: 3,
  update: 15,
  equal: 16,
} as const;

/** The longest string value a field may carry, in UTF-8 bytes. */
export const MAX_FIELD_STRING_BYTES = 32_768;

/** One field of a request or response: a tag, a method, a type and a value of that type. */
export type GroupWiseField =
  | { readonly tag: string; readonly method: number; readonly type: TextType; readonly value: string }
  | { readonly tag: string; readonly method: number; readonly type: NumberType; readonly value: number }
  | {
      readonly tag: string;
      readonly method: number;
      readonly type: typeof FieldType.binary;
      readonly value: Uint8Array;
    }
  | {
      readonly tag: string;
      readonly method: number;
      readonly type: ArrayType;
      readonly value: readonly GroupWiseField[];
    };

/** Types whose value is text. */
export type TextType = typeof FieldType.utf8 | typeof FieldType.dn;
/** Types whose value is an unsigned 32-bit number on the wire. */
export type NumberType =
  | typeof FieldType.number
  | typeof FieldType.byte
  | typeof FieldType.ubyte
  | typeof FieldType.word
  | typeof FieldType.uword
  | typeof FieldType.dword
  | typeof FieldType.udword
  | typeof FieldType.bool;
/** Types whose value is a list of child fields. */
export type ArrayType = typeof FieldType.array | typeof FieldType.multivalue;

const TEXT_TYPES: ReadonlySet<number> = new Set([FieldType.utf8, FieldType.dn]);
const ARRAY_TYPES: ReadonlySet<number> = new Set([FieldType.array, FieldType.multivalue]);
const NUMBER_TYPES: ReadonlySet<number> = new Set([1, 3, 4, 5, 6, 7, 8, 11]);

/** Whether `type` is one the protocol defines (1-13). */
export function isFieldType(type: number): type is FieldType {
  return Number.isInteger(type) && type >= 1 && type <= 13;
}

/** Whether the type's value is text (UTF-8 or DN). */
export function isTextType(type: number): type is TextType {
  return TEXT_TYPES.has(type);
}

/** Whether the type's value is a list of children (array or multivalue). */
export function isArrayType(type: number): type is ArrayType {
  return ARRAY_TYPES.has(type);
}

/** Whether the type's value is a number (u32 on the wire). */
export function isNumberType(type: number): type is NumberType {
  return NUMBER_TYPES.has(type);
}

/** A UTF-8 text field (method `valid`). */
export function textField(tag: string, value: string, method: number = FieldMethod.valid): GroupWiseField {
  return { tag, method, type: FieldType.utf8, value };
}

/** A distinguished-name field. */
export function dnField(tag: string, value: string): GroupWiseField {
  return { tag, method: FieldMethod.valid, type: FieldType.dn, value };
}

/** An unsigned 32-bit number field (type `udword`). */
export function numberField(tag: string, value: number): GroupWiseField {
  return { tag, method: FieldMethod.valid, type: FieldType.udword, value };
}

/** An array field of `children`. */
export function arrayField(tag: string, children: readonly GroupWiseField[]): GroupWiseField {
  return { tag, method: FieldMethod.valid, type: FieldType.array, value: children };
}

/** The first field with `tag` at the top level of `fields`. */
export function findField(fields: readonly GroupWiseField[], tag: string): GroupWiseField | undefined {
  for (const field of fields) if (field.tag === tag) return field;
  return undefined;
}

/** The value of the first field with `tag`, as text: a text field's value, a number in decimal. Undefined for none or an array. */
export function fieldText(fields: readonly GroupWiseField[], tag: string): string | undefined {
  const field = findField(fields, tag);
  if (field === undefined) return undefined;
  if (typeof field.value === 'string') return field.value;
  if (typeof field.value === 'number') return String(field.value);
  return undefined;
}

/** The value of the first field with `tag` as a number: a number field's, or text of decimal digits. */
export function fieldNumber(fields: readonly GroupWiseField[], tag: string): number | undefined {
  const field = findField(fields, tag);
  if (field === undefined) return undefined;
  if (typeof field.value === 'number') return field.value;
  if (typeof field.value === 'string' && /^\d{1,10}$/.test(field.value.trim())) {
    const n = Number(field.value.trim());
    return n <= 0xffff_ffff ? n : undefined;
  }
  return undefined;
}

/** The character a method is sent as: `0`-`9`, then `A`-`G`. */
export function methodChar(method: number): string {
  if (!Number.isInteger(method) || method < 0 || method > 16)
    throw new GroupWiseProtocolError('bad-value', `method ${method} is outside 0-16`);
  return method < 10 ? String(method) : String.fromCharCode(0x41 + method - 10);
}

/** A method from its character (either case), or undefined. */
export function methodOfChar(char: string): number | undefined {
  if (char.length !== 1) return undefined;
  const code = char.toUpperCase().charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x47) return code - 0x41 + 10;
  return undefined;
}

/** Checks a tag: 1-255 printable ASCII characters. */
export function checkTag(tag: string): void {
  if (!/^[\x20-\x7e]{1,255}$/.test(tag))
    throw new GroupWiseProtocolError(
      'bad-value',
      `a tag must be 1-255 printable ASCII characters (${tag.length} given)`,
    );
}
