import fc from 'fast-check';
import {
  ZStream,
  Z_DEFAULT_STRATEGY,
  Z_FINISH,
  Z_OK,
  Z_STREAM_END,
  zlibDeflate,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibDeflateSetDictionary,
} from 'pako';
import { describe, expect, it } from 'vitest';
import { DeflateCompressor } from '../../src/crypto/deflate-compressor.js';
import { FRAME_DICTIONARY } from '../../src/crypto/frame-dictionary.js';
import { loginPayload } from './fixtures.js';

const numRuns = Number(process.env['BES_FUZZ_RUNS'] ?? 100);
const encoder = new TextEncoder();

/** pako's own way: one state, reset and primed with `deflateSetDictionary` before every payload. */
function referenceDeflate(options: { level: number; windowBits: number; memLevel: number; dictionary: Uint8Array }) {
  const strm = new ZStream();
  const { level, windowBits, memLevel, dictionary } = options;
  expect(zlibDeflateInit2(strm, level, 8, -windowBits, memLevel, Z_DEFAULT_STRATEGY, true)).toBe(Z_OK);
  return (payload: Uint8Array): Uint8Array | undefined => {
    expect(zlibDeflateReset(strm)).toBe(Z_OK);
    expect(zlibDeflateSetDictionary(strm, dictionary)).toBe(Z_OK);
    const room = payload.length + 5 * Math.max(1, Math.ceil(payload.length / 0xffff));
    strm.output = new Uint8Array(room);
    strm.input = payload;
    strm.next_in = 0;
    strm.avail_in = payload.length;
    strm.next_out = 0;
    strm.avail_out = room;
    const status = zlibDeflate(strm, Z_FINISH);
    // Stored blocks are the compressor's own fallback, not pako's: compared only where deflate fits.
    return status === Z_STREAM_END ? strm.output.slice(0, strm.next_out) : undefined;
  };
}

/** Frame-like payloads: JSON texts made of the dictionary's words, and bytes of every kind. */
const payloads = fc.oneof(
  fc
    .array(
      fc.constantFrom('userId', 'password', 'sametime', 'status', 'accepted', 'session-', '"', ':', ',', '{', '}'),
      {
        maxLength: 60,
      },
    )
    .map((words) => encoder.encode(words.join(''))),
  fc.string({ maxLength: 300 }).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 2_000 }),
);

describe('the dictionary priming of the deflate state', () => {
  const settings = [
    { level: 6, windowBits: 10, memLevel: 1, dictionary: encoder.encode(FRAME_DICTIONARY) },
    { level: 9, windowBits: 9, memLevel: 4, dictionary: encoder.encode(FRAME_DICTIONARY) },
    // A dictionary longer than the window: pako keeps only its tail.
    { level: 1, windowBits: 9, memLevel: 9, dictionary: encoder.encode(FRAME_DICTIONARY.repeat(4)) },
  ];
  for (const options of settings) {
    const { level, windowBits, memLevel } = options;
    it(`deflates every payload to the bytes deflateSetDictionary gives it, whatever came before (level ${level}, window 2^${windowBits}, memLevel ${memLevel})`, () => {
      const primed = new DeflateCompressor(options);
      const reference = referenceDeflate(options);
      fc.assert(
        fc.property(fc.array(payloads, { minLength: 1, maxLength: 8 }), (sequence) => {
          for (const payload of [...sequence, loginPayload()]) {
            const expected = reference(payload);
            if (expected !== undefined) expect(primed.compress(payload)).toEqual(expected);
          }
        }),
        { seed: 20_261_202, numRuns },
      );
    });
  }
});
