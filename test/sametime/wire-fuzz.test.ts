import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  AuthType,
  encodeDhAuthData,
  encodeRc2AuthData,
  PasswordOpener,
  PasswordSealer,
  decodeDhAuthData,
  decodeRc2AuthData,
  decodeFrame,
  decodeMessage,
  encodeFrame,
  FrameDecoder,
  SametimeProtocolError,
} from '../../src/sametime/index.js';
import { anyMessage } from './arbitraries.js';
import { fuzz } from './fuzz-settings.js';

const MAX = 4096;

/** Runs `fn`; anything it throws must be a SametimeProtocolError. */
function onlyProtocolErrors(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof SametimeProtocolError)) throw error;
    expect(error.code).toMatch(/^(truncated|too-large|unknown-type|bad-string|trailing-bytes|bad-options|bad-value)$/);
  }
}

/** Feeds `bytes` in `chunkSize` pieces, checking the decoder never holds more than its limit. */
function feed(bytes: Uint8Array, chunkSize: number): void {
  const decoder = new FrameDecoder({ maxFrameLength: MAX });
  for (let at = 0; at < bytes.length; at += chunkSize) {
    decoder.push(bytes.subarray(at, at + chunkSize), () => {});
    expect(decoder.capacity).toBeLessThanOrEqual(MAX);
  }
}

describe('Sametime decoders fed garbage', () => {
  it('random bytes give only SametimeProtocolError, from every decoder', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (bytes, chunk) => {
        onlyProtocolErrors(() => decodeMessage(bytes));
        onlyProtocolErrors(() => decodeFrame(bytes, MAX));
        onlyProtocolErrors(() => decodeDhAuthData(bytes));
        onlyProtocolErrors(() => decodeRc2AuthData(bytes));
        onlyProtocolErrors(() => feed(bytes, chunk));
      }),
      fuzz,
    );
  });

  it('the server’s password opener takes any auth data: a password, undefined or a SametimeProtocolError', () => {
    const opener = new PasswordOpener(createRandom('fuzz-opener'));
    const sealer = new PasswordSealer(createRandom('fuzz-sealer'));
    const genuine = fc
      .tuple(fc.string({ maxLength: 20 }), fc.nat())
      .map(([password, magic]) => [sealer.sealDh(opener.publicKey, magic, password)!, sealer.sealRc2_40(password)]);
    const authData = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      // Well-framed auth data around random key and ciphertext bytes.
      fc
        .tuple(fc.uint8Array({ minLength: 1, maxLength: 70 }), fc.uint8Array({ maxLength: 40 }))
        .chain(([key, cipher]) =>
          fc.constantFrom(encodeDhAuthData(key, cipher), encodeRc2AuthData(key.subarray(0, 5), cipher)),
        ),
      // Genuine auth data with a byte flipped.
      fc.tuple(genuine, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([pair, at, x]) => {
        const bytes = pair[at % 2]!.slice();
        bytes[at % bytes.length]! ^= x;
        return bytes;
      }),
    );
    fc.assert(
      fc.property(authData, fc.constantFrom(AuthType.rc2_40, AuthType.rc2_128), fc.nat(), (bytes, authType, magic) => {
        onlyProtocolErrors(() => {
          const password = opener.open(authType, bytes, magic);
          expect(password === undefined || typeof password === 'string').toBe(true);
        });
      }),
      fuzz,
    );
  });

  it('every truncation of a valid frame is rejected as truncated', () => {
    fc.assert(
      fc.property(anyMessage, fc.nat(), (m, cut) => {
        const frame = encodeFrame(m);
        const end = cut % frame.length;
        expect(() => decodeFrame(frame.subarray(0, end))).toThrow(expect.objectContaining({ code: 'truncated' }));
        // The message without its last bytes: fields run out before the message does.
        const body = frame.subarray(4);
        const short = body.subarray(0, cut % body.length);
        try {
          decodeMessage(short);
        } catch (error) {
          expect(error).toBeInstanceOf(SametimeProtocolError);
          return;
        }
        // Some cuts leave a shorter, still valid message (an opaque body, an old-version handshake);
        // then the decoded message must differ from the original.
        expect(decodeMessage(short)).not.toEqual(m);
      }),
      fuzz,
    );
  });

  it('valid frames with random bytes flipped give only SametimeProtocolError', () => {
    fc.assert(
      fc.property(
        anyMessage,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
        (m, flips) => {
          const frame = Uint8Array.from(encodeFrame(m));
          for (const [at, x] of flips) frame[at % frame.length]! ^= x;
          onlyProtocolErrors(() => decodeFrame(frame, MAX));
          onlyProtocolErrors(() => feed(frame, 3));
        },
      ),
      fuzz,
    );
  });

  it('an oversized length is refused before its bytes arrive, whatever follows', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX + 1, max: 0x7fff_ffff }), fc.uint8Array({ maxLength: 64 }), (length, tail) => {
        const bytes = new Uint8Array(4 + tail.length);
        new DataView(bytes.buffer).setUint32(0, length);
        bytes.set(tail, 4);
        const decoder = new FrameDecoder({ maxFrameLength: MAX });
        expect(() => decoder.push(bytes, () => {})).toThrow(expect.objectContaining({ code: 'too-large' }));
        expect(decoder.capacity).toBe(0);
        expect(() => decodeFrame(bytes, MAX)).toThrow(expect.objectContaining({ code: 'too-large' }));
      }),
      fuzz,
    );
  });
});
