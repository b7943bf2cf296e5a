import { GroupWiseProtocolError } from './protocol-error.js';

/** A field's type, as the protocol numbers it (`type=` in a request, a byte in a response). */
export const FieldType = {
  /** Type 1: number. */
  number: 1,
  /** Type 2: binary. */
  binary: 2,
  /** Type 3: byte. */
  byte: 3,
  /** Type 4: ubyte. */
  ubyte: 4,
  /** Type 5: word. */
  word: 5,
  /** Type 6: uword. */
  uword: 6,
  /** Type 7: dword. */
  dword: 7,
  /** Type 8: udword. */
  udword: 8,
  /** Type 9: array. */
  array: 9,
  /** Type 10: utf8. */
  utf8: 10,
  /** Type 11: bool. */
  bool: 11,
  /** Type 12: multivalue. */
  multivalue: 12,
  /** Type 13: dn. */
  dn: 13,
} as const;

/** One of the protocol's field type numbers. */
export type FieldType = (typeof FieldType)[keyof typeof FieldType];

/** What a field asks of the server (`cmd=` in a request): 0-9 as digits, 10-16 as `A`-`G`. */
export const FieldMethod = {
  /** Method 0: valid. */
  valid: 0,
  /** Method 1: add. */
  add: 1,
  /** Method 2: delete. */
  delete: 2,
  /** Method 3: delete all. */
  deleteAll: 3,
  /** Method 15: update. */
  update: 15,
  /** Method 16: equal. */
  equal: 16,
} as const;

/** The longest string value a field may carry, in UTF-8 bytes. */
export const MAX_FIELD_STRING_BYTES = 32_768;

/** What every field has: its tag and method. */
export interface FieldHead {
  /** The field's name (`NM_A_SZ_USERID`). */
  readonly tag: string;
  /** What the field asks of the server (`FieldMethod`), 0-16. */
  readonly method: number;
}

/** A field whose value is text (UTF-8 or DN). */
export interface TextField extends FieldHead {
  /** `FieldType.utf8` or `FieldType.dn`. */
  readonly type: TextType;
  /** The text. */
  readonly value: string;
}

/** A field whose value is a number (a u32 on the wire). */
export interface NumberField extends FieldHead {
  /** One of the number types. */
  readonly type: NumberType;
  /** The number, 0 to 2^32 - 1. */
  readonly value: number;
}

/** A field whose value is bytes. */
export interface BinaryField extends FieldHead {
  /** `FieldType.binary`. */
  readonly type: typeof FieldType.binary;
  /** The bytes. */
  readonly value: Uint8Array;
}

/** A field whose value is a list of child fields. */
export interface ArrayField extends FieldHead {
  /** `FieldType.array` or `FieldType.multivalue`. */
  readonly type: ArrayType;
  /** The children, in order. */
  readonly value: readonly GroupWiseField[];
}

/** One field of a request or response: a tag, a method, a type and a value of that type. */
export type GroupWiseField = TextField | NumberField | BinaryField | ArrayField;

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
