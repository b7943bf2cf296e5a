import { DEFAULT_MAX_FRAME_LENGTH, FRAME_LENGTH_BYTES, checkFrameLength, checkMaxFrameLength } from './frame.js';
import { HEADER_BYTES } from './header.js';
import { decodeMessageIn, type SametimeMessage } from './message.js';
import { SametimeProtocolError } from './protocol-error.js';

/** Limits of a `FrameDecoder`. */
export interface FrameDecoderOptions {
  /**
   * The largest frame length accepted; a longer one is rejected before any byte of it is buffered.
   * Default 64 KiB; a whole number from 16 to 16 MiB, or the constructor throws `SametimeConfigError`.
   */
  readonly maxFrameLength?: number;
}

/** Receives each whole message, with the bytes its frame took on the wire (length prefix included). */
export type MessageSink = (message: SametimeMessage, frameBytes: number) => void;

/**
 * Turns a byte stream cut into arbitrary chunks back into messages, skipping keepalive bytes
 * between frames. A frame that arrives whole inside one chunk is decoded in place (its byte fields
 * are views of the chunk, so do not reuse a chunk once pushed); a frame split across chunks is
 * gathered in a buffer of exactly its length, never more than `maxFrameLength`.
 *
 * The first malformed frame throws a `SametimeProtocolError` and leaves the decoder failed: the
 * stream cannot be resynchronised, so every later `push` throws the same error.
 */
export class FrameDecoder {
  /** The largest frame length it accepts (from `FrameDecoderOptions`, default 64 KiB). */
  readonly maxFrameLength: number;
  /** Length-prefix bytes gathered so far (0 = at a frame boundary). */
  #lengthBytes = 0;
  #length = 0;
  /** The buffer a split frame is gathered in. */
  #body: Uint8Array | undefined;
  #filled = 0;
  #failure: SametimeProtocolError | undefined;
  #keepalives = 0;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxFrameLength = checkMaxFrameLength(options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH);
  }

  /** Bytes the decoder holds allocated for a partial frame: never more than `maxFrameLength`. */
  get capacity(): number {
    return this.#body?.length ?? 0;
  }

  /** Whether the decoder stands at a frame boundary (nothing partial buffered). */
  get idle(): boolean {
    return this.#lengthBytes === 0 && this.#body === undefined;
  }

  /** Keepalive bytes skipped between frames so far. */
  get keepalives(): number {
    return this.#keepalives;
  }

  /** The error that failed the stream, if one did. */
  get failure(): SametimeProtocolError | undefined {
    return this.#failure;
  }

  /** Consumes `chunk`, handing every message it completes to `sink` in order. */
  push(chunk: Uint8Array, sink: MessageSink): void {
    if (this.#failure !== undefined) throw this.#failure;
    const n = chunk.length;
    let i = 0;
    while (i < n) {
      const body = this.#body;
      if (body !== undefined) {
        const take = Math.min(n - i, body.length - this.#filled);
        body.set(chunk.subarray(i, i + take), this.#filled);
        this.#filled += take;
        i += take;
        if (this.#filled === body.length) {
          this.#body = undefined;
          sink(this.#decode(body, 0, body.length), FRAME_LENGTH_BYTES + body.length);
        }
        continue;
      }
      if (this.#lengthBytes === 0) {
        const b = chunk[i]!;
        if (b & 0x80) {
          i++; // keepalive (or any high-bit byte) between frames
          this.#keepalives++;
          continue;
        }
        if (n - i >= FRAME_LENGTH_BYTES) {
          // Fast path: the whole length prefix is here; often the whole frame is too.
          const length = ((b << 24) | (chunk[i + 1]! << 16) | (chunk[i + 2]! << 8) | chunk[i + 3]!) >>> 0;
          this.#checkLength(length);
          i += FRAME_LENGTH_BYTES;
          if (n - i >= length) {
            const message = this.#decode(chunk, i, i + length);
            i += length;
            sink(message, FRAME_LENGTH_BYTES + length);
          } else {
            this.#startBody(length);
          }
          continue;
        }
      }
      this.#length = this.#length * 256 + chunk[i++]!;
      if (++this.#lengthBytes === FRAME_LENGTH_BYTES) {
        const length = this.#length;
        this.#lengthBytes = 0;
        this.#length = 0;
        this.#checkLength(length);
        this.#startBody(length);
      }
    }
  }

  #checkLength(length: number): void {
    try {
      checkFrameLength(length, this.maxFrameLength);
      if (length < HEADER_BYTES) {
        throw new SametimeProtocolError(
          'truncated',
          `a frame of length ${length} cannot hold the ${HEADER_BYTES}-byte header`,
        );
      }
    } catch (error) {
      throw this.#fail(error);
    }
  }

  #startBody(length: number): void {
    this.#body = new Uint8Array(length);
    this.#filled = 0;
  }

  /** Decodes the message at `bytes[start, end)`, in place: a view of it for every frame would cost more than its decoding. */
  #decode(bytes: Uint8Array, start: number, end: number): SametimeMessage {
    try {
      return decodeMessageIn(bytes, start, end);
    } catch (error) {
      throw this.#fail(error);
    }
  }

  #fail(error: unknown): unknown {
    if (error instanceof SametimeProtocolError) this.#failure = error;
    return error;
  }
}

/**
 * Decodes a whole recorded stream (frames and keepalive bytes) into its messages. Throws
 * `SametimeProtocolError` for malformed bytes or a stream that ends inside a frame.
 */
export function decodeStream(bytes: Uint8Array, options: FrameDecoderOptions = {}): SametimeMessage[] {
  const decoder = new FrameDecoder(options);
  const messages: SametimeMessage[] = [];
  decoder.push(bytes, (m) => messages.push(m));
  if (!decoder.idle) throw new SametimeProtocolError('truncated', 'the stream ends inside a frame');
  return messages;
}
