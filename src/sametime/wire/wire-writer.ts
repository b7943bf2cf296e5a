import { SametimeProtocolError } from './protocol-error.js';

const encoder = new TextEncoder();

/** The longest string a u16 length can carry, in UTF-8 bytes. */
export const MAX_STRING_BYTES = 0xffff;

/**
 * Writes Sametime primitives big-endian into a growing buffer. `finish()` hands out a view of the
 * bytes written, without copying. Values out of a field's range throw `SametimeProtocolError('bad-value')`.
 */
export class WireWriter {
  #buf: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(capacity = 128) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  /** Bytes the buffer holds before it has to grow. */
  get capacity(): number {
    return this.#buf.length;
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#pos;
  }

  /** Appends one byte; a value over 0xff throws `SametimeProtocolError('bad-value')`. */
  u8(value: number): this {
    if ((value & 0xff) !== value) throw badValue('u8', value);
    this.#ensure(1);
    this.#buf[this.#pos++] = value;
    return this;
  }

  /** Appends a boolean as one byte, 1 or 0. */
  boolean(value: boolean): this {
    this.#ensure(1);
    this.#buf[this.#pos++] = value ? 1 : 0;
    return this;
  }

  /** Appends a big-endian u16; a value over 0xffff throws `SametimeProtocolError('bad-value')`. */
  u16(value: number): this {
    if ((value & 0xffff) !== value) throw badValue('u16', value);
    this.#ensure(2);
    this.#view.setUint16(this.#pos, value);
    this.#pos += 2;
    return this;
  }

  /** Appends a big-endian u32; a value outside 0 to 0xffffffff throws `SametimeProtocolError('bad-value')`. */
  u32(value: number): this {
    if (value >>> 0 !== value) throw badValue('u32', value);
    this.#ensure(4);
    this.#view.setUint32(this.#pos, value);
    this.#pos += 4;
    return this;
  }

  /** A u16 byte length, then the string's UTF-8 bytes (no terminator). */
  string(value: string): this {
    const n = value.length;
    this.#ensure(2 + n);
    const start = this.#pos + 2;
    let i = 0;
    // ASCII fast path: user ids, host names and descriptions are nearly always ASCII.
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) break;
      this.#buf[start + i] = c;
    }
    let bytes = i;
    if (i < n) {
      this.#ensure(2 + i + (n - i) * 3);
      bytes = i + encoder.encodeInto(value.slice(i), this.#buf.subarray(start + i)).written;
    }
    if (bytes > MAX_STRING_BYTES) {
      throw new SametimeProtocolError(
        'too-large',
        `a string of ${bytes} UTF-8 bytes is over the ${MAX_STRING_BYTES}-byte limit`,
      );
    }
    this.#view.setUint16(this.#pos, bytes);
    this.#pos = start + bytes;
    return this;
  }

  /** A u32 length, then the bytes. */
  opaque(bytes: Uint8Array): this {
    this.u32(bytes.length);
    return this.raw(bytes);
  }

  /** The bytes as they are, with no length. */
  raw(bytes: Uint8Array): this {
    this.#ensure(bytes.length);
    this.#buf.set(bytes, this.#pos);
    this.#pos += bytes.length;
    return this;
  }

  /** Leaves room for a u32 to fill in later with `patchU32`; returns its offset. */
  reserveU32(): number {
    this.#ensure(4);
    const at = this.#pos;
    this.#pos += 4;
    return at;
  }

  /** Fills in the u32 that `reserveU32` left room for at offset `at` (a frame's length, once the body is written). */
  patchU32(at: number, value: number): void {
    if (value >>> 0 !== value) throw badValue('u32', value);
    this.#view.setUint32(at, value);
  }

  /** The bytes written, as a view of the writer's buffer (no copy). Write nothing more after this. */
  finish(): Uint8Array {
    return this.#buf.subarray(0, this.#pos);
  }

  /** A copy of the bytes written, exactly as long as they are; the writer can be reset and reused. */
  copy(): Uint8Array {
    return this.#buf.slice(0, this.#pos);
  }

  /** Forgets what was written, keeping the buffer. */
  reset(): this {
    this.#pos = 0;
    return this;
  }

  #ensure(n: number): void {
    const need = this.#pos + n;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf); // all of it: `string` may have written past #pos already
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }
}

function badValue(kind: string, value: number): SametimeProtocolError {
  return new SametimeProtocolError('bad-value', `${value} does not fit a ${kind}`);
}
