import { SametimeProtocolError } from './protocol-error.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A reader of `bytes[start, end)`: set once, in the class's static block, since only the class sees its fields. */
let readerOver: (bytes: Uint8Array, start: number, end: number) => WireReader;

/**
 * Reads Sametime primitives big-endian from a byte array, checking every length against the bytes
 * that are there. Byte fields (`opaque`, `rest`) are views of the input, not copies. Every failure
 * is a `SametimeProtocolError`.
 */
export class WireReader {
  readonly #bytes: Uint8Array;
  /** Where the bytes read start and end in `#bytes`: all of it, unless made by `readerOver`. */
  #start = 0;
  #end: number;
  #pos = 0;

  static {
    readerOver = (bytes, start, end) => {
      const r = new WireReader(bytes);
      r.#start = start;
      r.#pos = start;
      r.#end = end;
      return r;
    };
  }

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#end = bytes.length;
  }

  /** Bytes read so far. */
  get offset(): number {
    return this.#pos - this.#start;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#end - this.#pos;
  }

  /** Reads one byte. */
  u8(): number {
    this.#need(1, 'u8');
    return this.#bytes[this.#pos++]!;
  }

  /** Any non-zero byte reads as true, as real clients read it (the writer writes 0 or 1). */
  boolean(): boolean {
    return this.u8() !== 0;
  }

  /** Reads a big-endian u16. */
  u16(): number {
    this.#need(2, 'u16');
    const b = this.#bytes;
    const p = this.#pos;
    this.#pos = p + 2;
    return (b[p]! << 8) | b[p + 1]!;
  }

  /** Reads a big-endian u32. */
  u32(): number {
    this.#need(4, 'u32');
    const b = this.#bytes;
    const p = this.#pos;
    this.#pos = p + 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** Reads a string: a u16 byte length, then that many bytes of UTF-8 (invalid UTF-8 throws `bad-string`). */
  string(): string {
    const n = this.u16();
    this.#need(n, 'string');
    const start = this.#pos;
    this.#pos += n;
    const bytes = this.#bytes;
    // ASCII fast path, cheaper than a TextDecoder call for short strings; four characters a step
    // make a quarter of the intermediate strings that one at a time would.
    if (n <= 64) {
      const end = start + n;
      let ascii = '';
      let i = start;
      for (; i + 4 <= end; i += 4) {
        const c0 = bytes[i]!;
        const c1 = bytes[i + 1]!;
        const c2 = bytes[i + 2]!;
        const c3 = bytes[i + 3]!;
        if ((c0 | c1 | c2 | c3) >= 0x80) break;
        ascii += String.fromCharCode(c0, c1, c2, c3);
      }
      for (; i < end; i++) {
        const c = bytes[i]!;
        if (c >= 0x80) break;
        ascii += String.fromCharCode(c);
      }
      if (i === end) return ascii;
    }
    try {
      return decoder.decode(bytes.subarray(start, start + n));
    } catch {
      throw new SametimeProtocolError(
        'bad-string',
        `the ${n}-byte string at offset ${start - this.#start} is not valid UTF-8`,
      );
    }
  }

  /** A u32 length, then that many bytes, as a view of the input. */
  opaque(): Uint8Array {
    const n = this.u32();
    return this.bytes(n, 'opaque');
  }

  /** The next `n` bytes, as a view of the input. */
  bytes(n: number, what = 'bytes'): Uint8Array {
    this.#need(n, what);
    const out = this.#bytes.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  /** Every byte left, as a view of the input. */
  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  /** Throws `trailing-bytes` unless every byte has been read. */
  end(what: string): void {
    if (this.#pos !== this.#end) {
      throw new SametimeProtocolError('trailing-bytes', `${this.#end - this.#pos} bytes left after the end of ${what}`);
    }
  }

  #need(n: number, what: string): void {
    if (this.#end - this.#pos < n) {
      throw new SametimeProtocolError(
        'truncated',
        `a ${what} at offset ${this.#pos - this.#start} needs ${n} bytes, ${this.#end - this.#pos} left`,
      );
    }
  }
}

/**
 * A reader of `bytes[start, end)`, as `new WireReader(bytes.subarray(start, end))` would read it
 * (offsets in errors count from `start`), without the view: for a frame decoded in place in its chunk.
 */
export function wireReaderOver(bytes: Uint8Array, start: number, end: number): WireReader {
  return readerOver(bytes, start, end);
}
