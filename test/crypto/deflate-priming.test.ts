import fc from 'fast-check';
import {
  ZStream,
  Z_DEFAULT_STRATEGY,
  Z_FINISH,
  Z_NO_FLUSH,
  Z_OK,
  Z_STREAM_END,
  zlibDeflate,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibDeflateSetDictionary,
} from 'pako';
import { describe, expect, it } from 'vitest';
import { DeflateCompressor } from '../../src/crypto/deflate-compressor.js';
import { DeflatePrimedState } from '../../src/crypto/deflate-primed-state.js';
import { DeflatePriming } from '../../src/crypto/deflate-priming.js';
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
    const { status, bytes } = deflateCall(strm, payload, room);
    // Stored blocks are the compressor's own fallback, not pako's: compared only where deflate fits.
    return status === Z_STREAM_END ? bytes : undefined;
  };
}

/** `payload` deflated in one call by `strm` as it stands, into `room` bytes: pako's status and the bytes. */
function deflateCall(strm: ZStream, payload: Uint8Array, room: number): { status: number; bytes: Uint8Array } {
  strm.output = new Uint8Array(room);
  strm.input = payload;
  strm.next_in = 0;
  strm.avail_in = payload.length;
  strm.next_out = 0;
  strm.avail_out = room;
  const status = zlibDeflate(strm, Z_FINISH);
  return { status, bytes: strm.output.slice(0, strm.next_out) };
}

/** A deflate state as the compressor makes one, with `extra` fields added to the state first. */
function deflateState(extra: Record<string, unknown> = {}): ZStream {
  const strm = new ZStream();
  expect(zlibDeflateInit2(strm, 6, 8, -10, 1, Z_DEFAULT_STRATEGY, true)).toBe(Z_OK);
  Object.assign(strm.state as object, extra);
  return strm;
}

/** `payload` deflated in one call by `strm` as it stands, to the end of its stream. */
function deflateOnce(strm: ZStream, payload: Uint8Array): Uint8Array {
  const { status, bytes } = deflateCall(strm, payload, payload.length + 64);
  expect(status).toBe(Z_STREAM_END);
  return bytes;
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

  it("puts pako 3's deflate state back by name, not through pako's reset", () => {
    const strm = deflateState();
    expect(DeflatePrimedState.of(strm)).toBeInstanceOf(DeflatePrimedState);
    const priming = new DeflatePriming(strm, encoder.encode(FRAME_DICTIONARY));
    const descriptor = (strm.state as unknown as { l_desc: object }).l_desc;
    priming.prime();
    deflateOnce(strm, loginPayload());
    priming.prime();
    // pako's reset replaces the tree descriptors; the named restore keeps them.
    expect((strm.state as unknown as { l_desc: object }).l_desc).toBe(descriptor);
  });

  it('primes a state that a stream left half-way, with its block unfinished, to the same bytes', () => {
    const dictionary = encoder.encode(FRAME_DICTIONARY);
    const reference = referenceDeflate({ level: 6, windowBits: 10, memLevel: 1, dictionary });
    for (const extra of [{}, { added_by_another_pako: 0 }]) {
      const strm = deflateState(extra);
      const priming = new DeflatePriming(strm, dictionary);
      // Past the 262 bytes deflate looks ahead: matches and literals counted in a block never written out.
      const unfinished = encoder.encode('status accepted status accepted session-1 session-2 '.repeat(12));
      strm.output = new Uint8Array(1024);
      strm.input = unfinished;
      strm.next_in = 0;
      strm.avail_in = unfinished.length;
      strm.next_out = 0;
      strm.avail_out = 1024;
      expect(zlibDeflate(strm, Z_NO_FLUSH)).toBe(Z_OK);
      priming.prime();
      // Long enough for dynamic trees, built from the frequencies the priming must have cleared.
      const next = encoder.encode(Array.from({ length: 200 }, (_, i) => `user${i * 7919} `).join(''));
      expect(deflateOnce(strm, next)).toEqual(reference(next));
    }
  });

  it('primes a state of another layout field by field name, to the same bytes', () => {
    const dictionary = encoder.encode(FRAME_DICTIONARY);
    const other = deflateState({ added_by_another_pako: 0 });
    expect(DeflatePrimedState.of(other)).toBeUndefined();
    const byFieldName = new DeflatePriming(other, dictionary);
    const pako3 = deflateState();
    const named = new DeflatePriming(pako3, dictionary);
    const reference = referenceDeflate({ level: 6, windowBits: 10, memLevel: 1, dictionary });
    fc.assert(
      fc.property(fc.array(payloads, { minLength: 1, maxLength: 6 }), (sequence) => {
        for (const payload of sequence) {
          const expected = reference(payload);
          if (expected === undefined) continue;
          byFieldName.prime();
          named.prime();
          expect(deflateOnce(other, payload)).toEqual(expected);
          expect(deflateOnce(pako3, payload)).toEqual(expected);
        }
      }),
      { seed: 20_261_203, numRuns },
    );
  });
});
