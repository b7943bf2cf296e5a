import {
  ZStream,
  Z_FINISH,
  Z_OK,
  Z_STREAM_END,
  deflateRaw,
  zlibInflate,
  zlibInflateInit2,
  zlibInflateSetDictionary,
} from 'pako';
import { describe, expect, it } from 'vitest';
import { FRAME_DICTIONARY } from '../../src/crypto/frame-dictionary.js';
import { InflateReset } from '../../src/crypto/inflate-reset.js';

const encoder = new TextEncoder();
const dictionary = encoder.encode(FRAME_DICTIONARY);

/** A raw inflate state as the compressor makes one, with `extra` fields added to the state first. */
function inflateState(extra: Record<string, unknown> = {}): ZStream {
  const strm = new ZStream();
  expect(zlibInflateInit2(strm, -15)).toBe(Z_OK);
  Object.assign(strm.state as object, extra);
  return strm;
}

/** Resets `strm` with `reset`, primes it if `primed`, and inflates `compressed` (null if it does not end). */
function inflateOnce(reset: InflateReset, strm: ZStream, compressed: Uint8Array, primed: boolean): Uint8Array | null {
  expect(reset.reset(strm)).toBe(Z_OK);
  if (primed) expect(zlibInflateSetDictionary(strm, dictionary)).toBe(Z_OK);
  const output = new Uint8Array(4096);
  strm.input = compressed;
  strm.next_in = 0;
  strm.avail_in = compressed.length;
  strm.output = output;
  strm.next_out = 0;
  strm.avail_out = output.length;
  return zlibInflate(strm, Z_FINISH) === Z_STREAM_END ? output.slice(0, strm.next_out) : null;
}

/** Texts whose frames take fixed and dynamic Huffman codes alike. */
const texts = [
  '{"userId":"alice","password":"pw","client":"sametime"}',
  '{"status":"accepted","sessionId":"bes-1/session-7"}',
  Array.from({ length: 300 }, (_, i) => `user${i * 7919}`).join(' '),
  '{}',
];

describe('the reset of the inflate state', () => {
  for (const [path, extra] of [
    ["by name, on pako 3's layout", {}],
    ['by pako, on any other layout', { added_by_another_pako: 0 }],
  ] as const) {
    it(`opens frame after frame to their bytes, with and without the dictionary, after a frame that failed too (${path})`, () => {
      const strm = inflateState(extra);
      const reset = new InflateReset(strm);
      for (const primed of [true, false]) {
        for (const text of texts) {
          const options = primed ? { dictionary, windowBits: 10, memLevel: 1 } : { windowBits: 10, memLevel: 1 };
          const frame = deflateRaw(encoder.encode(text), options);
          // A frame cut short leaves the state half-way through a block, its window part filled.
          expect(inflateOnce(reset, strm, frame.subarray(0, Math.ceil(frame.length / 2)), primed)).toBeNull();
          expect(new TextDecoder().decode(inflateOnce(reset, strm, frame, primed)!)).toBe(text);
        }
      }
    });

    it(`lets no frame read the window of the one before (${path})`, () => {
      const strm = inflateState(extra);
      const reset = new InflateReset(strm);
      const withDictionary = deflateRaw(encoder.encode(texts[0]!), { dictionary, windowBits: 10, memLevel: 1 });
      // Opened without the dictionary, its matches reach back before the stream: refused, even
      // after a frame cut short, which leaves what it inflated in the window.
      expect(inflateOnce(reset, strm, withDictionary, false)).toBeNull();
      const long = deflateRaw(encoder.encode(texts[2]!));
      expect(inflateOnce(reset, strm, long.subarray(0, long.length - 8), false)).toBeNull();
      expect(inflateOnce(reset, strm, withDictionary, false)).toBeNull();
    });
  }

  it("keeps pako 3's own code tables across resets, where pako's reset allocates new ones", () => {
    const named = inflateState();
    const other = inflateState({ added_by_another_pako: 0 });
    const tables = (strm: ZStream): unknown => (strm.state as unknown as { lendyn: Int32Array }).lendyn;
    const namedTables = tables(named);
    const otherTables = tables(other);
    new InflateReset(named).reset(named);
    new InflateReset(other).reset(other);
    expect(tables(named)).toBe(namedTables);
    expect(tables(other)).not.toBe(otherTables);
  });
});
