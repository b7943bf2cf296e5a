import { inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { deflateRaw, inflateRaw } from 'pako';
import { describe, expect, it } from 'vitest';
import { frameDeflate, rawDeflate } from '../../src/crypto/compression.js';
import { DeflateCompressor } from '../../src/crypto/deflate-compressor.js';
import { FRAME_DICTIONARY } from '../../src/crypto/frame-dictionary.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { MAX_PAYLOAD_BYTES } from '../../src/crypto/limits.js';
import { linkIdFor } from '../../src/crypto/link-id.js';
import { SealedLink } from '../../src/crypto/sealed-link.js';
import { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { frameErrorOf, hex, loginPayload } from './fixtures.js';

const numRuns = Number(process.env['BES_FUZZ_RUNS'] ?? 100);
const settings = { seed: 20_080_602, numRuns };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const dictionary = encoder.encode(FRAME_DICTIONARY);

/** What the pipeline puts in the four frames of a login and a logout. */
const DEVICE_MESSAGES = [
  '{"userId":"alice","password":"pw","client":"sametime"}',
  '{"status":"accepted","sessionId":"session-1"}',
  '{}',
  '{"status":"logged-out"}',
].map((text) => encoder.encode(text));

const payloadArb = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }),
  fc.string({ maxLength: 1_000 }).map((text) => encoder.encode(text)),
  fc.constantFrom(...DEVICE_MESSAGES),
);

describe('frameDeflate', () => {
  it.each([
    ['an empty payload', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0x7b)],
    ['a 150-byte login request', loginPayload()],
    ['64 KiB of random bytes', createRandom('deflate/64k').bytes(MAX_PAYLOAD_BYTES)],
    ['64 KiB of zeros', new Uint8Array(MAX_PAYLOAD_BYTES)],
    ['the dictionary itself', dictionary],
  ])('gives back %s byte for byte', (_name, payload) => {
    expect(frameDeflate.decompress(frameDeflate.compress(payload), MAX_PAYLOAD_BYTES)).toEqual(payload);
  });

  it('shrinks the device messages to a fraction of what deflate without the dictionary makes of them', () => {
    const withDictionary = DEVICE_MESSAGES.map((m) => frameDeflate.compress(m).length);
    const without = DEVICE_MESSAGES.map((m) => rawDeflate.compress(m).length);
    const sum = (sizes: number[]): number => sizes.reduce((a, b) => a + b, 0);
    expect(sum(withDictionary)).toBeLessThan(sum(without) / 2);
  });

  it('makes plain raw deflate that any zlib inflates given FRAME_DICTIONARY, and only given it', () => {
    for (const message of DEVICE_MESSAGES.filter((m) => m.length > 2)) {
      const compressed = frameDeflate.compress(message);
      expect(inflateRawSync(compressed, { dictionary })).toEqual(Buffer.from(message));
      expect(inflateRaw(compressed, { dictionary })).toEqual(message);
      const guessed = (() => {
        try {
          return decoder.decode(inflateRaw(compressed));
        } catch {
          return undefined;
        }
      })();
      expect(guessed).not.toBe(decoder.decode(message));
    }
  });

  it('opens frames made without the dictionary (by rawDeflate, or any raw deflate)', () => {
    const payload = loginPayload();
    expect(frameDeflate.decompress(deflateRaw(payload), MAX_PAYLOAD_BYTES)).toEqual(payload);
    expect(frameDeflate.decompress(rawDeflate.compress(payload), MAX_PAYLOAD_BYTES)).toEqual(payload);
  });

  it('never makes more than the stored form: 64 KiB of noise costs 10 bytes of deflate framing', () => {
    const noise = createRandom('deflate/noise').bytes(MAX_PAYLOAD_BYTES);
    expect(frameDeflate.compress(noise).length).toBe(MAX_PAYLOAD_BYTES + 10);
    const small = createRandom('deflate/small-noise').bytes(100);
    expect(frameDeflate.compress(small).length).toBeLessThanOrEqual(105);
  });
});

describe('DeflateCompressor: a reused state that remembers nothing', () => {
  it('gives every payload the bytes a fresh instance gives it, whatever came before on the shared one', () => {
    const options = { windowBits: 10, memLevel: 1, dictionary: FRAME_DICTIONARY };
    const shared = new DeflateCompressor(options);
    fc.assert(
      fc.property(
        fc.array(payloadArb, { minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 64 }),
        (payloads, junk) => {
          // Leave the shared state as dirty as anything can: a failed inflate and a deflate cut short.
          try {
            shared.decompress(junk, MAX_PAYLOAD_BYTES);
          } catch {
            // a FrameError, as expected for junk
          }
          shared.compress(createRandom(`junk/${junk.length}`).bytes(4_096 + junk.length));
          for (const payload of payloads) {
            const compressed = shared.compress(payload);
            expect(hex(compressed)).toBe(hex(new DeflateCompressor(options).compress(payload)));
            expect(shared.decompress(compressed, MAX_PAYLOAD_BYTES)).toEqual(payload);
          }
        },
      ),
      settings,
    );
  });

  it('is shared by every link: frames of two links interleaved open as they would alone', () => {
    const key = TransportKey.generate(createRandom('deflate/links'));
    const ends = ['2100000A', '2100000B'].map((pin) => {
      const linkId = linkIdFor(`device:${pin}`);
      return {
        device: new SealedLink({ key, linkId, sends: 'uplink' }),
        bes: new SealedLink({ key, linkId, sends: 'downlink' }),
      };
    });
    for (const message of DEVICE_MESSAGES) {
      const frames = ends.map((end) => end.device.seal(FrameKind.loginRequest, message));
      expect(ends[1]!.bes.open(frames[1]!).payload).toEqual(message);
      expect(ends[0]!.bes.open(frames[0]!).payload).toEqual(message);
    }
  });

  it('opens a frame after an earlier frame on the link was lost', () => {
    const key = TransportKey.generate(createRandom('deflate/lost'));
    const linkId = linkIdFor('device:2100000A');
    const device = new SealedLink({ key, linkId, sends: 'uplink' });
    const bes = new SealedLink({ key, linkId, sends: 'downlink' });
    const [first, lost, third] = DEVICE_MESSAGES.slice(0, 3).map((m) => device.seal(FrameKind.loginRequest, m));
    expect(bes.open(first!).payload).toEqual(DEVICE_MESSAGES[0]);
    void lost;
    expect(bes.open(third!).payload).toEqual(DEVICE_MESSAGES[2]);
  });
});

describe('DeflateCompressor: inflating is bounded', () => {
  it('stops a bomb at the cap without inflating it whole', () => {
    const bomb = deflateRaw(new Uint8Array(10_000_000));
    expect(frameErrorOf(() => frameDeflate.decompress(bomb, MAX_PAYLOAD_BYTES)).code).toBe('decompressed-too-large');
    expect(frameErrorOf(() => frameDeflate.decompress(bomb, 100)).code).toBe('decompressed-too-large');
  });

  it('opens exactly the cap and refuses one byte more, under any cap', () => {
    const payload = encoder.encode('x'.repeat(1_000));
    const compressed = frameDeflate.compress(payload);
    expect(frameDeflate.decompress(compressed, 1_000)).toEqual(payload);
    expect(frameErrorOf(() => frameDeflate.decompress(compressed, 999)).code).toBe('decompressed-too-large');
    // A cap above the 64 KiB buffer the compressor keeps gets a buffer of its own.
    expect(frameDeflate.decompress(compressed, 200_000)).toEqual(payload);
  });

  it('refuses bytes after the end of the stream, and streams cut short, as corrupt-payload', () => {
    const compressed = frameDeflate.compress(loginPayload());
    const trailing = Uint8Array.from([...compressed, 0]);
    expect(frameErrorOf(() => frameDeflate.decompress(trailing, MAX_PAYLOAD_BYTES)).code).toBe('corrupt-payload');
    const short = compressed.subarray(0, compressed.length - 1);
    expect(frameErrorOf(() => frameDeflate.decompress(short, MAX_PAYLOAD_BYTES)).code).toBe('corrupt-payload');
    expect(frameErrorOf(() => frameDeflate.decompress(new Uint8Array(0), MAX_PAYLOAD_BYTES)).code).toBe(
      'corrupt-payload',
    );
  });
});

describe('DeflateCompressor options', () => {
  it.each([
    ['level', { level: 0 }],
    ['level', { level: 10 }],
    ['windowBits', { windowBits: 8 }],
    ['windowBits', { windowBits: 16 }],
    ['memLevel', { memLevel: 0 }],
    ['memLevel', { memLevel: 1.5 }],
  ])('refuses a bad %s with a RangeError naming it', (name, options) => {
    expect(() => new DeflateCompressor(options)).toThrow(new RegExp(`^${name} must be`));
  });

  it('round-trips under every window and memory level', () => {
    const payload = loginPayload();
    for (let windowBits = 9; windowBits <= 15; windowBits++) {
      for (const memLevel of [1, 5, 9]) {
        const compressor = new DeflateCompressor({ windowBits, memLevel, dictionary: FRAME_DICTIONARY });
        expect(compressor.decompress(compressor.compress(payload), MAX_PAYLOAD_BYTES)).toEqual(payload);
      }
    }
  });
});
