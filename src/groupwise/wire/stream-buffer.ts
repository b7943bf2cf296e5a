import { checkCount } from '../../sametime/errors.js';
import { GroupWiseProtocolError } from './protocol-error.js';

/** The largest message a GroupWise decoder may be told to hold: 16 MiB. */
export const MAX_BUFFERED_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The bytes a decoder holds between chunks: appended as they arrive, consumed from the front, never
 * more than `maxLength` for one unfinished message.
 */
export class StreamBuffer {
  readonly maxLength: number;
  #bytes = new Uint8Array(0);
  #start = 0;
  #end = 0;

  /** `maxLength`: a whole number from 1 to 16 MiB, or `SametimeConfigError` naming it. */
  constructor(maxLength: number) {
    this.maxLength = checkCount('maxLength', maxLength, 1, false, MAX_BUFFERED_MESSAGE_BYTES);
  }

  /** Bytes held. */
  get length(): number {
    return this.#end - this.#start;
  }

  /** The bytes held (a view: valid until the next `append` or `consume`). */
  view(): Uint8Array {
    return this.#bytes.subarray(this.#start, this.#end);
  }

  append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const held = this.length;
    if (this.#end + chunk.length > this.#bytes.length) {
      const grown = new Uint8Array(
        Math.max(held + chunk.length, Math.min(this.maxLength + 1, held * 2 + chunk.length)),
      );
      grown.set(this.#bytes.subarray(this.#start, this.#end));
      this.#bytes = grown;
      this.#start = 0;
      this.#end = held;
    }
    this.#bytes.set(chunk, this.#end);
    this.#end += chunk.length;
  }

  consume(n: number): void {
    this.#start += n;
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      if (this.#bytes.length > 4096) this.#bytes = new Uint8Array(0);
    }
  }

  /** Throws `too-large` when an unfinished message already holds more than the limit. */
  checkLimit(what: string): void {
    if (this.length > this.maxLength) {
      throw new GroupWiseProtocolError('too-large', `${what} of more than ${this.maxLength} bytes`);
    }
  }
}

/** Where a header block ends: the index just past its blank line (CRLF CRLF or LF LF), or -1. */
export function headerEnd(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}
