import { NeedMoreBytes } from './binary-fields.js';
import { GroupWiseProtocolError } from './protocol-error.js';
import { readReply, type GroupWiseReply } from './response.js';
import { StreamBuffer } from './stream-buffer.js';

/** The largest reply or event a client takes by default. */
export const DEFAULT_MAX_REPLY_LENGTH = 64 * 1024;

/** A `ReplyDecoder`'s limit. */
export interface ReplyDecoderOptions {
  /** The most bytes one reply or event may take. Default 64 KiB. */
  readonly maxLength?: number;
}

/** Receives each reply or event decoded from a stream, with its length in bytes. */
export type ReplySink = (reply: GroupWiseReply, bytes: number) => void;

/**
 * The client's decoder: responses and server events out of a byte stream, in chunks of any size.
 * It holds at most `maxLength` bytes of an unfinished one; more, and it throws `too-large`. It
 * reads again only once the bytes it said it needs have arrived.
 */
export class ReplyDecoder {
  readonly #buffer: StreamBuffer;
  #need = 1;
  #headerScanned = 0;

  constructor(options: ReplyDecoderOptions = {}) {
    this.#buffer = new StreamBuffer(options.maxLength ?? DEFAULT_MAX_REPLY_LENGTH);
  }

  /** Bytes held for a reply not yet complete. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Takes the next bytes of the stream; `sink` gets every reply and event they complete. */
  push(chunk: Uint8Array, sink: ReplySink): void {
    const buffer = this.#buffer;
    buffer.append(chunk);
    while (buffer.length >= this.#need) {
      let decoded: { reply: GroupWiseReply; length: number };
      try {
        // Header lines still arriving were searched up to `#headerScanned`: search on from there.
        decoded = readReply(buffer.view(), buffer.maxLength, this.#headerScanned);
      } catch (error) {
        if (!(error instanceof NeedMoreBytes)) throw error;
        if (error.need > buffer.maxLength)
          throw new GroupWiseProtocolError('too-large', `a reply of more than ${buffer.maxLength} bytes`);
        this.#need = error.need;
        this.#headerScanned = error.headerScanned ?? 0;
        break;
      }
      this.#need = 1;
      this.#headerScanned = 0;
      if (decoded.length > buffer.maxLength)
        throw new GroupWiseProtocolError('too-large', `a reply of ${decoded.length} bytes is over ${buffer.maxLength}`);
      buffer.consume(decoded.length);
      sink(decoded.reply, decoded.length);
    }
    buffer.checkLimit('a reply');
  }
}

/** Decodes every reply and event in `bytes`; throws `truncated` if the last one is unfinished. */
export function decodeReplies(bytes: Uint8Array, maxLength = DEFAULT_MAX_REPLY_LENGTH): GroupWiseReply[] {
  const decoder = new ReplyDecoder({ maxLength });
  const out: GroupWiseReply[] = [];
  decoder.push(bytes, (reply) => out.push(reply));
  if (decoder.buffered > 0)
    throw new GroupWiseProtocolError('truncated', `${decoder.buffered} bytes of an unfinished reply`);
  return out;
}
