import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import {
  decodeDeviceMessage,
  deviceMessageSchemas,
  type DeviceMessageKind,
} from '../../src/pipeline/device-message.js';
import { PipelineError } from '../../src/pipeline/pipeline-error.js';

const numRuns = Number(process.env['BES_FUZZ_RUNS'] ?? 300);
const encoder = new TextEncoder();

const kinds = Object.values(FrameKind) as DeviceMessageKind[];
const keys = [
  'userId',
  'password',
  'client',
  'status',
  'sessionId',
  'reason',
  'reasonCode',
  'presence',
  'extra',
  '__proto__',
];
const values = fc.oneof(
  fc.constantFrom(
    'accepted',
    'logged-out',
    'ok',
    'available',
    'away',
    'busy',
    'sametime',
    '',
    'failed',
    'server-busy',
    'session-closed',
    'no-session',
    'maximum-reached',
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ minLength: 255, maxLength: 258 }),
  fc.integer(),
  fc.constantFrom(null, true, 0.5, -1, 0xffff_ffff, 2 ** 32),
  fc.constant({}),
  fc.constant([]),
);
/** The key lists of the bodies every login carries, in the order the BES writes them. */
const everyday = [
  ['userId', 'password', 'client'],
  ['status', 'sessionId'],
  ['status'],
  ['status', 'reason'],
  ['status', 'reason', 'reasonCode'],
  ['presence'],
  [],
];
const objectOf = (names: readonly string[]) =>
  fc
    .tuple(...names.map(() => values))
    .map((vs) => `{${names.map((name, i) => `${JSON.stringify(name)}:${JSON.stringify(vs[i])}`).join(',')}}`);
/** Everyday shapes with any values, near shapes in any key order, and any JSON at all. */
const bodies = fc.oneof(
  fc.constantFrom(...everyday).chain(objectOf),
  fc.uniqueArray(fc.constantFrom(...keys), { maxLength: 4 }).chain(objectOf),
  fc.json(),
);

describe('decodeDeviceMessage decides as its zod schema does', () => {
  it('accepts exactly what the schema accepts, and gives back the same body, keys in the same order', () => {
    fc.assert(
      fc.property(bodies, (text) => {
        for (const kind of kinds) {
          const parsed = deviceMessageSchemas[kind].safeParse(JSON.parse(text));
          let decoded: unknown;
          try {
            decoded = decodeDeviceMessage(kind, encoder.encode(text), 'test').body;
          } catch (error) {
            expect(error).toBeInstanceOf(PipelineError);
            expect(parsed.success).toBe(false);
            continue;
          }
          expect(parsed.success).toBe(true);
          expect(JSON.stringify(decoded)).toBe(JSON.stringify(parsed.data));
          expect(decoded).toEqual(parsed.data);
        }
      }),
      { seed: 20_080_603, numRuns },
    );
  });

  it.each([
    [FrameKind.loginRequest, '{"userId":"alice","password":"pw","client":"sametime"}'],
    [FrameKind.loginReply, '{"status":"accepted","sessionId":"session-1"}'],
    [FrameKind.statusUpdate, '{"presence":"away"}'],
    [FrameKind.statusReply, '{"status":"ok"}'],
    [FrameKind.logout, '{}'],
    [FrameKind.logoutReply, '{"status":"logged-out"}'],
    [FrameKind.loginReply, '{"status":"server-busy","reason":"maximum-reached"}'],
    [FrameKind.loginReply, '{"status":"authentication-failed","reason":"bad-credentials","reasonCode":2147483693}'],
    [FrameKind.statusReply, '{"status":"session-closed","reason":"idle-logout"}'],
    [FrameKind.logoutReply, '{"status":"no-session"}'],
  ] as const)('decodes the everyday kind %s body %s', (kind, text) => {
    expect(decodeDeviceMessage(kind, encoder.encode(text), 'test').body).toEqual(JSON.parse(text));
  });
});
