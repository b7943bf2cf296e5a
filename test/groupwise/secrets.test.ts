/**
 * The secrets scan of the hardening suite, for the GroupWise backend: a whole run through what the
 * wing does, with every byte on the air and on the 8300 link and every string it emits kept, then
 * searched for every password and key, recomputed from the seed.
 */
import { inspect } from 'node:util';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { transportKeyBytes } from '../../src/crypto/transport-key.js';
import { groupwiseBackend, type GroupWiseBackend } from '../../src/groupwise/groupwise-backend.js';
import { EnterpriseActivation, createRandom, type AirFrame } from '../../src/index.js';
import { flush, PINS, tappedBes, userAt, USERS } from '../hardening/fixture.js';

const SEED = 6;
const encoder = new TextEncoder();
const WRONG = 'typo-Gw-pw:Xq4#Jd8!Pz1';

async function run(location: 'local' | 'remote'): Promise<{ bytes: Uint8Array[]; strings: string[] }> {
  const emitted = { bytes: [] as Uint8Array[], strings: [] as string[] };
  const t = tappedBes<GroupWiseBackend>({
    config: {
      collaborationService: location,
      maxSessions: 3,
      idleTimeoutMs: 60_000,
      inactivityTimeoutMs: 600_000,
      groupwise: { loginTimeoutMs: 5_000 },
    },
    backend: groupwiseBackend({
      keepaliveMinutes: 1,
      maxWrongPasswords: 2,
      lockoutMs: 120_000,
      capture: (_d, bytes) => emitted.bytes.push(bytes.slice()),
    }),
    observe: (event) => emitted.strings.push(JSON.stringify(event), inspect(event)),
  });
  const keep = (frame: AirFrame): AirFrame => {
    emitted.bytes.push(frame.bytes);
    return frame;
  };
  t.taps.air = keep;
  t.taps.airReply = keep;
  const say = (value: unknown): void => {
    emitted.strings.push(JSON.stringify(value), inspect(value, { depth: 5 }));
  };
  const devices = USERS.slice(0, 4).map((_, i) => t.activate(i));
  const login = async (i: number, password: string = userAt(i).password) =>
    say(await devices[i]!.login({ userId: userAt(i).userId, password }));

  await login(0, WRONG);
  await login(0, WRONG); // locked out now
  await login(0);
  await t.clock.advance(120_000);
  await login(0);
  await login(1);
  await login(2);
  say(await devices[0]!.sendStatus('away'));
  await t.clock.advance(61_000); // keepalives, and idle sessions
  await login(3);
  say(await devices[1]!.sendStatus('busy'));
  say(await devices[2]!.logout());
  const [first] = t.bes.backend.server.sessions();
  t.bes.backend.server.closeSession(first!.connectionId);
  await flush();
  say(await devices[0]!.sendStatus('available'));
  await t.clock.advance(600_000);
  await t.bes.collaborationService.closeInactive();
  await login(2);
  say(await devices[2]!.logout());
  emitted.strings.push(inspect(t.bes, { depth: 6 }), inspect(devices, { depth: 6 }));
  return emitted;
}

function secrets(): { name: string; bytes: Uint8Array }[] {
  const list: { name: string; bytes: Uint8Array }[] = [];
  for (const user of USERS) {
    list.push({ name: `${user.userId}'s password`, bytes: encoder.encode(user.password) });
    list.push({ name: `${user.userId}'s activation password`, bytes: encoder.encode(user.activationPassword) });
  }
  list.push({ name: 'a mistyped password', bytes: encoder.encode(WRONG) });
  const activation = new EnterpriseActivation({
    random: createRandom(SEED).fork('activation'),
    activationPasswordOf: (userId) => USERS.find((u) => u.userId === userId)?.activationPassword,
  });
  USERS.slice(0, 4).forEach((user, i) => {
    const result = activation.activate({
      pin: PINS[i]!,
      userId: user.userId,
      activationPassword: user.activationPassword,
    });
    if (!result.ok) throw new Error('replica activation failed');
    list.push({ name: `${PINS[i]}'s transport key`, bytes: transportKeyBytes(result.deviceKey) });
  });
  // The SSL stand-in's private values at both ends, and the key they agree on, replayed from the seed.
  const serverSecret = createRandom(SEED).fork('groupwise-server').fork('ssl-stand-in-key').bytes(32);
  const adapterSecret = createRandom(SEED).fork('groupwise-adapter').fork('ssl-stand-in-key').bytes(32);
  const serverPublic = nacl.box.keyPair.fromSecretKey(serverSecret).publicKey;
  list.push({ name: "the server's stand-in private value", bytes: serverSecret });
  list.push({ name: "the adapter's stand-in private value", bytes: adapterSecret });
  list.push({ name: 'the 8300 link key', bytes: nacl.box.before(serverPublic, adapterSecret) });
  return list;
}

function windows(bytes: Uint8Array, size = 8): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + size <= bytes.length; at++) out.push(Buffer.from(bytes.subarray(at, at + size)));
  return out;
}

describe.each(['local', 'remote'] as const)(
  'GroupWise secrets across a whole run (Collaboration Service %s)',
  (location) => {
    it('no password, key or credential bytes appear in any emitted byte, trace event, reply or error', async () => {
      const emitted = await run(location);
      expect(emitted.bytes.length).toBeGreaterThan(40);
      const text = Buffer.from(emitted.strings.join('\n'));
      const found: string[] = [];
      for (const { name, bytes } of secrets()) {
        for (const window of windows(bytes)) {
          if (text.includes(window)) found.push(`part of ${name} in text`);
          for (const chunk of emitted.bytes)
            if (Buffer.from(chunk).includes(window)) found.push(`part of ${name} in emitted bytes`);
        }
      }
      expect([...new Set(found)]).toEqual([]);
    });
  },
);

describe('the GroupWise search itself', () => {
  it('recomputes the keys the run used, and finds a secret that is there', async () => {
    const list = secrets();
    const key = list.find((s) => s.name === 'the 8300 link key')!;
    const serverSecret = list.find((s) => s.name === "the server's stand-in private value")!;
    const t = tappedBes<GroupWiseBackend>({ backend: groupwiseBackend() });
    expect(Buffer.from(t.bes.backend.server.standInPublicKey)).toEqual(
      Buffer.from(nacl.box.keyPair.fromSecretKey(serverSecret.bytes).publicKey),
    );
    expect((await t.activate(0).login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    expect(t.bes.backend.server.keyAgreements).toBe(1);
    expect(key.bytes).toHaveLength(32);
    const haystack = Buffer.concat([Buffer.from([1]), Buffer.from(key.bytes), Buffer.from([2])]);
    expect(windows(key.bytes).every((w) => haystack.includes(w))).toBe(true);
  });
});
