import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { readEverydayBody, writeEverydayBody } from '../../src/pipeline/device-message-layouts.js';
import { deviceMessage, encodeDeviceMessage, type DeviceMessage } from '../../src/pipeline/device-message.js';

const numRuns = Number(process.env['BES_FUZZ_RUNS'] ?? 300);
const encoder = new TextEncoder();
const kinds = Object.values(FrameKind);

/** Each kind's everyday key lists, in the order the BES writes them. */
const everyday: Record<number, readonly (readonly string[])[]> = {
  [FrameKind.loginRequest]: [['userId', 'password', 'client']],
  [FrameKind.loginReply]: [
    ['status', 'sessionId'],
    ['status', 'reason'],
    ['status', 'reason', 'reasonCode'],
    ['status'],
  ],
  [FrameKind.statusUpdate]: [['presence']],
  [FrameKind.statusReply]: [['status'], ['status', 'reason']],
  [FrameKind.logout]: [[]],
  [FrameKind.logoutReply]: [['status'], ['status', 'reason']],
};

/** Text a BES writes (ASCII, nothing to escape) and text it may not (quotes, escapes, control characters, any Unicode). */
const plainText = fc.stringMatching(/^[ !#-[\]-~]{0,40}$/);
const anyText = fc.oneof(plainText, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 10 }));
const anyNumber = fc.oneof(fc.nat(), fc.constantFrom(0, -0, -1, 0.5, 2 ** 32, 2 ** 53, 1e21, Number.MAX_SAFE_INTEGER));
const anyValue = fc.oneof(anyText, anyNumber, fc.constantFrom(null, true, {}, []));

/** A body of `kind` with one of its everyday key lists (mostly) or another kind's, and any values. */
const bodies = fc
  .oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...kinds)
        .chain((kind) => fc.tuple(fc.constant(kind), fc.constantFrom(...everyday[kind]!))),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...Object.values(everyday).flat())) },
  )
  .chain(([kind, keys]) =>
    fc.tuple(
      fc.constant(kind),
      fc
        .tuple(...keys.map((key) => (key === 'reasonCode' ? anyNumber : anyValue)))
        .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
    ),
  );

describe('everyday bodies written and read without JSON', () => {
  it('are written exactly as JSON.stringify writes them, whatever the body', () => {
    fc.assert(
      fc.property(bodies, ([kind, body]) => {
        const written = encodeDeviceMessage(deviceMessage(kind, body as never) as DeviceMessage);
        expect(written).toEqual(encoder.encode(JSON.stringify(body)));
      }),
      { seed: 20_260_612, numRuns },
    );
  });

  it('are read exactly as JSON.parse reads them, or left to it', () => {
    const texts = fc.oneof(
      bodies.map(([kind, body]) => [kind, JSON.stringify(body)] as const),
      // The same with a character added, taken away or changed anywhere: spaces, leading zeros, broken quotes.
      fc
        .tuple(bodies, fc.nat(), fc.constantFrom('', ' ', '0', '"', '\\', '}', ',', '-', '\n', 'é'), fc.boolean())
        .map(([[kind, body], at, extra, drop]) => {
          const text = JSON.stringify(body);
          const i = at % (text.length + 1);
          return [kind, text.slice(0, i) + extra + text.slice(drop ? i + 1 : i)] as const;
        }),
    );
    fc.assert(
      fc.property(texts, ([kind, text]) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          expect(readEverydayBody(kind, text)).toBeUndefined();
          return;
        }
        const read = readEverydayBody(kind, text);
        if (read === undefined) return;
        expect(JSON.stringify(read)).toBe(JSON.stringify(parsed));
        expect(read).toEqual(parsed);
      }),
      { seed: 20_260_613, numRuns: numRuns * 3 },
    );
  });

  it('leaves to JSON a body that is not a plain object, as an array or one with a toJSON', () => {
    class Reply {
      status = 'ok';
      toJSON(): object {
        return { status: 'failed' };
      }
    }
    for (const body of [[], new Reply()]) {
      expect(writeEverydayBody(FrameKind.statusReply, body, new Uint8Array(64))).toBe(-1);
      expect(encodeDeviceMessage({ kind: FrameKind.logout, body } as unknown as DeviceMessage)).toEqual(
        encoder.encode(JSON.stringify(body)),
      );
    }
  });

  it.each([
    '{"status":"failed","reason":"x","reasonCode":05}',
    '{"status":"failed","reason":"x","reasonCode":-5}',
    '{"status":"failed","reason":"x","reasonCode":5e2}',
    '{"status":"failed","reason":"x","reasonCode":5.0}',
    String.raw`{"status":"failed","reason":"x\"y"}`,
    '{"status":"failed","reason":"x\ty"}',
    '{"status":"failed", "reason":"x"}',
    '{"status":"failed","reason":"x"} ',
    '{"status":"failed","reason":"x"}}',
    '{"reason":"x","status":"failed"}',
  ])('leaves %s to JSON', (text) => {
    expect(readEverydayBody(FrameKind.loginReply, text)).toBeUndefined();
  });

  it('take every body the BES writes with plain text and whole numbers, so JSON is left the rest', () => {
    const plainBodies = fc
      .tuple(fc.constantFrom(...kinds))
      .chain(([kind]) => fc.tuple(fc.constant(kind), fc.constantFrom(...everyday[kind]!)))
      .chain(([kind, keys]) =>
        fc.tuple(
          fc.constant(kind),
          fc
            .tuple(...keys.map((key) => (key === 'reasonCode' ? fc.nat() : plainText)))
            .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]]))),
        ),
      );
    fc.assert(
      fc.property(plainBodies, ([kind, body]) => {
        const out = new Uint8Array(4096);
        const length = writeEverydayBody(kind, body, out);
        expect(new TextDecoder().decode(out.subarray(0, length))).toBe(JSON.stringify(body));
        expect(readEverydayBody(kind, JSON.stringify(body))).toEqual(body);
      }),
      { seed: 20_260_614, numRuns },
    );
  });
});
