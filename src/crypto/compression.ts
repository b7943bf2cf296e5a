import { Inflate, deflateRaw } from 'pako';
import { FrameError } from './frame-error.js';

/**
 * How frame payloads are compressed: deterministic (the same bytes in, the same bytes out) and
 * bounded on the way back (inflating stops as soon as the output passes `cap`).
 */
export interface PayloadCompressor {
  compress(payload: Uint8Array): Uint8Array;
  /** Inflates `compressed`, throwing `FrameError('decompressed-too-large')` past `cap` bytes. */
  decompress(compressed: Uint8Array, cap: number): Uint8Array;
}

class StopInflating extends Error {}
const stop = new StopInflating();

/** Raw deflate (RFC 1951) with pako, one independent stream per frame, so a lost frame costs nothing later. */
export const rawDeflate: PayloadCompressor = {
  compress(payload) {
    return deflateRaw(payload);
  },

  decompress(compressed, cap) {
    const inflater = new Inflate({ raw: true, chunkSize: 16 * 1024 });
    const chunks: Uint8Array[] = [];
    let total = 0;
    inflater.onData = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > cap) throw stop;
      chunks.push(chunk);
    };
    try {
      inflater.push(compressed, true);
    } catch (error) {
      if (error === stop) {
        throw new FrameError('decompressed-too-large', `the payload inflates past the ${cap}-byte cap`);
      }
      throw new FrameError('corrupt-payload', 'the payload is not a valid deflate stream');
    }
    if (inflater.err !== 0 || !inflater.ended) {
      throw new FrameError('corrupt-payload', 'the payload is not a complete deflate stream');
    }
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  },
};
