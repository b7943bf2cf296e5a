import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessage,
  decodeStream,
  encodeFrame,
  FrameDecoder,
  KEEPALIVE_BYTE,
  ReasonCode,
  SametimeProtocolError,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { anyMessage } from './arbitraries.js';
import { fuzz } from './fuzz-settings.js';

const messages: SametimeMessage[] = [
  {
    type: 'HANDSHAKE',
    channel: 0,
    major: 0x1e,
    minor: 0x1d,
    masterChannel: 0,
    serverAddress: 0,
    loginType: 0x1003,
    localAddress: 1,
    extension: { marker: 0x100, reserved: 0, localHost: 'bes' },
  },
  { type: 'SET_USER_STATUS', channel: 0, status: 0x0220, time: 12, description: 'on my BlackBerry' },
  { type: 'CHANNEL_DESTROY', channel: 0, reason: ReasonCode.success, data: new Uint8Array(0) },
];

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Three frames with keepalive bytes before, between and after them. */
const keep = Uint8Array.of(KEEPALIVE_BYTE);
const stream = concat([
  keep,
  encodeFrame(messages[0]!),
  keep,
  keep,
  encodeFrame(messages[1]!),
  keep,
  encodeFrame(messages[2]!),
  keep,
]);

function decodeChunks(
  chunks: readonly Uint8Array[],
  decoder = new FrameDecoder(),
): { got: SametimeMessage[]; sizes: number[] } {
  const got: SametimeMessage[] = [];
  const sizes: number[] = [];
  for (const chunk of chunks)
    decoder.push(chunk, (m, n) => {
      got.push(m);
      sizes.push(n);
    });
  expect(decoder.idle).toBe(true);
  return { got, sizes };
}

/** Message bytes of 8 or more: real messages whole, cut short or with one byte changed, and random bytes. */
const anyBody: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ minLength: 8, maxLength: 60 }),
  fc.tuple(anyMessage, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([m, cut, at, value]) => {
    const body = encodeFrame(m).slice(4);
    const kept = body.subarray(0, Math.max(8, body.length - (cut % 4 === 0 ? cut % body.length : 0)));
    if (at % 3 === 0) kept[at % kept.length] = value;
    return kept.slice();
  }),
);

describe('FrameDecoder', () => {
  it('decodes a stream pushed whole, skipping keepalive bytes, and reports frame sizes', () => {
    const { got, sizes } = decodeChunks([stream]);
    expect(got).toEqual(messages);
    expect(sizes).toEqual(messages.map((m) => encodeFrame(m).length));
  });

  it('decodes the same messages however the stream is split in two', () => {
    for (let at = 0; at <= stream.length; at++) {
      expect(decodeChunks([stream.subarray(0, at), stream.subarray(at)]).got).toEqual(messages);
    }
  });

  it('decodes the same messages however the stream is split in three', () => {
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b++) {
        const { got } = decodeChunks([stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)]);
        expect(got).toEqual(messages);
      }
    }
  });

  it('decodes a stream fed one byte at a time', () => {
    const chunks = Array.from(stream, (b) => Uint8Array.of(b));
    expect(decodeChunks(chunks).got).toEqual(messages);
  });

  it('decodes random messages split into random chunks', () => {
    fc.assert(
      fc.property(
        fc.array(anyMessage, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.nat(3),
        (ms, cuts, keepalives) => {
          const whole = concat(ms.flatMap((m) => [encodeFrame(m), new Uint8Array(keepalives).fill(KEEPALIVE_BYTE)]));
          const points = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((x, y) => x - y);
          const chunks: Uint8Array[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(whole.subarray(from, p));
            from = p;
          }
          chunks.push(whole.subarray(from));
          expect(decodeChunks(chunks).got).toEqual(ms);
        },
      ),
      fuzz,
    );
  });

  it('rejects an oversized length as soon as the prefix is in, without allocating it', () => {
    const decoder = new FrameDecoder({ maxFrameLength: 1024 });
    const prefix = Uint8Array.of(0x00, 0x00, 0x04, 0x01); // 1025
    decoder.push(prefix.subarray(0, 3), () => {});
    let error: unknown;
    try {
      decoder.push(prefix.subarray(3), () => {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SametimeProtocolError);
    expect((error as SametimeProtocolError).code).toBe('too-large');
    expect(decoder.capacity).toBe(0);
    // A failed stream stays failed.
    expect(() => decoder.push(Uint8Array.of(0), () => {})).toThrow(error as Error);
    expect(decoder.failure).toBe(error);
  });

  it('rejects a frame too short for a header', () => {
    expect(() => new FrameDecoder().push(Uint8Array.of(0, 0, 0, 7), () => {})).toThrow(
      expect.objectContaining({ code: 'truncated' }),
    );
  });

  it('decodeStream rejects a stream that ends inside a frame', () => {
    expect(() => decodeStream(stream.subarray(0, stream.length - 3))).toThrow(
      expect.objectContaining({ code: 'truncated' }),
    );
  });

  it('decodes a frame in place in its chunk as decodeMessage decodes it alone: same message, same error and offsets', () => {
    fc.assert(
      fc.property(anyBody, fc.nat(3), (body, keepalives) => {
        // Frames after others in a chunk are read where they lie; their errors count offsets from their own start.
        const frame = concat([Uint8Array.of(0, 0, body.length >> 8, body.length & 0xff), body]);
        const chunk = concat([encodeFrame(messages[1]!), new Uint8Array(keepalives).fill(KEEPALIVE_BYTE), frame]);
        const outcome = (run: () => unknown): unknown => {
          try {
            return run();
          } catch (error) {
            if (!(error instanceof SametimeProtocolError)) throw error;
            return { code: error.code, message: error.message };
          }
        };
        const got: SametimeMessage[] = [];
        const inPlace = outcome(() => {
          new FrameDecoder().push(chunk, (m) => got.push(m));
          return got[1];
        });
        expect(inPlace).toEqual(outcome(() => decodeMessage(body.slice())));
      }),
      fuzz,
    );
  });

  it('keeps messages delivered before a malformed frame in the same chunk', () => {
    const got: SametimeMessage[] = [];
    // A header with option bits no peer sets.
    const bad = concat([encodeFrame(messages[2]!), Uint8Array.of(0, 0, 0, 8, 0, 0x19, 0, 1, 0, 0, 0, 0)]);
    expect(() => new FrameDecoder().push(bad, (m) => got.push(m))).toThrow(
      expect.objectContaining({ code: 'bad-options' }),
    );
    expect(got).toEqual([messages[2]]);
  });
});
