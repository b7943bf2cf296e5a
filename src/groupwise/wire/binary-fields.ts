import {
  checkTag,
  FieldType,
  isArrayType,
  isFieldType,
  isNumberType,
  isTextType,
  type GroupWiseField,
} from './field.js';
import { GroupWiseProtocolError } from './protocol-error.js';
import { MAX_DEPTH, stringBytes } from './request.js';

const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

/** Collects little-endian bytes for a response or an event. */
export class LittleEndianWriter {
  #bytes = new Uint8Array(256);
  #length = 0;

  #room(n: number): void {
    if (this.#length + n <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + n));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  u8(value: number): this {
    this.#room(1);
    this.#bytes[this.#length++] = value & 0xff;
    return this;
  }

  u16(value: number): this {
    this.#room(2);
    this.#bytes[this.#length++] = value & 0xff;
    this.#bytes[this.#length++] = (value >>> 8) & 0xff;
    return this;
  }

  u32(value: number): this {
    this.#room(4);
    const b = this.#bytes;
    b[this.#length++] = value & 0xff;
    b[this.#length++] = (value >>> 8) & 0xff;
    b[this.#length++] = (value >>> 16) & 0xff;
    b[this.#length++] = (value >>> 24) & 0xff;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.#room(bytes.length);
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
    return this;
  }

  /** u32 length including a NUL, the bytes, the NUL: how text goes in responses and events. */
  text(bytes: Uint8Array): this {
    return this.u32(bytes.length + 1)
      .raw(bytes)
      .u8(0);
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

/** Thrown inside the readers when the bytes stop before a message does; the stream decoder waits for `need` bytes. */
export class NeedMoreBytes {
  readonly need: number;
  /** Set when a response's header lines have not ended: how many bytes were searched for their end. */
  readonly headerScanned: number | undefined;
  constructor(need: number, headerScanned?: number) {
    this.need = need;
    this.headerScanned = headerScanned;
  }
}

/** Reads little-endian values from a message at the front of a byte view. */
export class LittleEndianReader {
  readonly bytes: Uint8Array;
  offset: number;

  constructor(bytes: Uint8Array, offset = 0) {
    this.bytes = bytes;
    this.offset = offset;
  }

  #need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new NeedMoreBytes(this.offset + n);
  }

  u8(): number {
    this.#need(1);
    return this.bytes[this.offset++]!;
  }

  u16(): number {
    this.#need(2);
    const b = this.bytes;
    const value = b[this.offset]! | (b[this.offset + 1]! << 8);
    this.offset += 2;
    return value;
  }

  u32(): number {
    this.#need(4);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
  }

  raw(n: number, limit: number, what: string): Uint8Array {
    if (n > limit)
      throw new GroupWiseProtocolError('too-large', `${what} of ${n} bytes is over the ${limit}-byte limit`);
    this.#need(n);
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  /** u32 length and text; liberal: a trailing NUL is dropped if there is one, and any bytes decode (bad UTF-8 as U+FFFD). */
  text(limit: number, what: string): string {
    const length = this.u32();
    const bytes = this.raw(length, limit, what);
    return utf8.decode(bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.subarray(0, -1) : bytes);
  }
}

function writeField(out: LittleEndianWriter, field: GroupWiseField, depth: number): void {
  checkTag(field.tag);
  if (depth > MAX_DEPTH) throw new GroupWiseProtocolError('too-deep', `arrays nest deeper than ${MAX_DEPTH}`);
  if (!Number.isInteger(field.method) || field.method < 0 || field.method > 16)
    throw new GroupWiseProtocolError('bad-value', `field ${field.tag}: method outside 0-16`);
  const type = field.type;
  out.u8(type).u8(field.method).text(encoder.encode(field.tag));
  if (isArrayType(type) && Array.isArray(field.value)) {
    const children = field.value as readonly GroupWiseField[];
    out.u32(children.length);
    for (const child of children) writeField(out, child, depth + 1);
  } else if (isTextType(type) && typeof field.value === 'string') {
    out.text(stringBytes(field.tag, field.value));
  } else if (isNumberType(type) && typeof field.value === 'number') {
    if (!Number.isInteger(field.value) || field.value < 0 || field.value > 0xffff_ffff)
      throw new GroupWiseProtocolError('bad-value', `field ${field.tag}: a number must be a u32`);
    out.u32(field.value);
  } else if (type === FieldType.binary && field.value instanceof Uint8Array) {
    out.u32(field.value.length).raw(field.value);
  } else {
    throw new GroupWiseProtocolError('bad-value', `field ${field.tag}: its value does not fit type ${type}`);
  }
}

/** Writes `fields` in the binary form of a response body, ending with the type-0 byte. */
export function writeBinaryFields(out: LittleEndianWriter, fields: readonly GroupWiseField[]): void {
  for (const field of fields) writeField(out, field, 0);
  out.u8(0);
}

const latin1 = new TextDecoder('latin1');

function readField(reader: LittleEndianReader, type: number, limit: number, depth: number): GroupWiseField {
  if (depth > MAX_DEPTH) throw new GroupWiseProtocolError('too-deep', `arrays nest deeper than ${MAX_DEPTH}`);
  if (!isFieldType(type))
    throw new GroupWiseProtocolError('unknown-type', `field type ${type} at offset ${reader.offset - 1} is not 1-13`);
  const method = reader.u8();
  if (method > 16)
    throw new GroupWiseProtocolError('bad-value', `method ${method} at offset ${reader.offset - 1} is outside 0-16`);
  const tagBytes = reader.raw(reader.u32(), 1024, 'a tag');
  const tag = latin1.decode(
    tagBytes.length > 0 && tagBytes[tagBytes.length - 1] === 0 ? tagBytes.subarray(0, -1) : tagBytes,
  );
  if (isArrayType(type)) {
    const count = reader.u32();
    // Each child takes at least six bytes: a count the rest of the message cannot hold waits for bytes (or hits the limit).
    if (count * 6 > limit) throw new GroupWiseProtocolError('too-large', `field ${tag} names ${count} children`);
    const children: GroupWiseField[] = [];
    for (let i = 0; i < count; i++) children.push(readField(reader, reader.u8(), limit, depth + 1));
    return { tag, method, type, value: children };
  }
  if (isTextType(type)) return { tag, method, type, value: reader.text(limit, `field ${tag}`) };
  if (isNumberType(type)) return { tag, method, type, value: reader.u32() };
  return {
    tag,
    method,
    type: FieldType.binary,
    value: Uint8Array.from(reader.raw(reader.u32(), limit, `field ${tag}`)),
  };
}

/** Reads binary fields up to and including the type-0 byte that ends them. */
export function readBinaryFields(reader: LittleEndianReader, limit: number): GroupWiseField[] {
  const fields: GroupWiseField[] = [];
  for (let type = reader.u8(); type !== 0; type = reader.u8()) fields.push(readField(reader, type, limit, 0));
  return fields;
}
