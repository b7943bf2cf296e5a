import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createBes,
  createRandom,
  decodeDeviceMessage,
  EnterpriseActivation,
  FrameKind,
  sametimeBackend,
  type AirFrame,
} from '../../src/index.js';
import {
  bigintFromBytes,
  bytesFromBigint,
  DhKeyPair,
  FrameDecoder,
  modPow,
  SAMETIME_DH_PRIME,
} from '../../src/sametime/index.js';
import { transportKeyBytes } from '../../src/crypto/transport-key.js';
import { FaultySessionStore, flush, PINS, tappedBes, userAt, USERS } from './fixture.js';

const SEED = 6;
const encoder = new TextEncoder();

/** Wrong passwords typed during the run: secrets too. */
const WRONG_SAMETIME = 'typo-St-pw:Gv4#Kd8!Wq1';
const WRONG_ACTIVATION = 'typo-act:Lm3$Rb7&Nz0';

/** Everything the scenario emits: bytes on every link, and every string it produces. */
interface Emitted {
  readonly bytes: Uint8Array[];
  readonly strings: string[];
}

/** Runs `action`, keeping whatever it throws (message, stack, cause) as emitted text. */
async function keepErrors(emitted: Emitted, action: () => unknown): Promise<void> {
  try {
    await action();
  } catch (error) {
    emitted.strings.push(inspect(error, { depth: 5 }), String(error));
  }
}

/**
 * One long run through everything the model does, tracing on, in both service placements:
 * activation with wrong passwords, logins right and wrong, status, logout, idle and inactivity
 * logouts, Sametime faults and closes, tampered and replayed frames, a failing store, bad config.
 */
async function scenario(location: 'local' | 'remote'): Promise<Emitted> {
  const emitted: Emitted = { bytes: [], strings: [] };
  const sessions = new FaultySessionStore();
  const t = tappedBes({
    sessions: sessions.store,
    config: {
      collaborationService: location,
      maxSessions: 3,
      idleTimeoutMs: 60_000,
      inactivityTimeoutMs: 600_000,
      sametime: { loginTimeoutMs: 5_000 },
    },
    backend: sametimeBackend({ capture: (_direction, bytes) => emitted.bytes.push(bytes.slice()) }),
    observe: (event) => emitted.strings.push(JSON.stringify(event), inspect(event)),
  });
  const keepAir = (frame: AirFrame): AirFrame => {
    emitted.bytes.push(frame.bytes);
    return frame;
  };
  const keepService = (frame: AirFrame): AirFrame => {
    // Only a remote service has a wire at 3200; its frames cross it sealed.
    if (location === 'remote') emitted.bytes.push(frame.bytes);
    return frame;
  };
  t.taps.air = keepAir;
  t.taps.airReply = keepAir;
  t.taps.service = keepService;
  t.taps.serviceReply = keepService;
  const say = (value: unknown): void => {
    emitted.strings.push(JSON.stringify(value), inspect(value, { depth: 5 }));
  };

  for (let i = 0; i < 3; i++)
    say(t.bes.activateDevice({ pin: PINS[0], userId: 'alice', activationPassword: WRONG_ACTIVATION }));
  const devices = USERS.slice(0, 4).map((_, i) => t.activate(i));
  const [alice, bob, carol, dave] = devices as [
    (typeof devices)[number],
    (typeof devices)[number],
    (typeof devices)[number],
    (typeof devices)[number],
  ];
  const login = async (index: number, password: string = userAt(index).password) =>
    say(await devices[index]!.login({ userId: userAt(index).userId, password }));

  await login(0, WRONG_SAMETIME);
  await login(0);
  await login(1);
  await login(2);
  say(await alice.sendStatus('away'));
  await t.clock.advance(61_000);
  await login(3); // full: an idle session is logged out
  say(await bob.sendStatus('busy'));
  say(await carol.logout());
  for (const fault of ['refuse', 'close-mid-login', 'garbage', 'silent'] as const) {
    t.bes.backend.server.fault = fault;
    const pending = carol.login({ userId: 'carol', password: userAt(2).password });
    await flush();
    await t.clock.advance(5_000);
    say(await pending);
  }
  t.bes.backend.server.fault = 'none';
  await login(2);
  const [first] = t.bes.backend.server.sessions();
  t.bes.backend.server.closeSession(first!.connectionId);
  await flush();
  say(await alice.sendStatus('available'));
  // A login frame tampered on the air, then replayed.
  let captured: AirFrame | undefined;
  t.taps.air = (frame) => {
    captured = keepAir(frame);
    const bytes = frame.bytes.slice();
    bytes[bytes.length - 1]! ^= 0x40;
    return { pin: frame.pin, bytes };
  };
  await login(1);
  t.taps.air = keepAir;
  say(await t.inject(captured!));
  say(await t.inject(captured!));
  // A store failing mid-login, and the inactivity sweep failing.
  sessions.failOn('insert', { how: 'reject', when: 'after' });
  await login(1);
  sessions.failOn('idleCandidates', { how: 'throw', when: 'before' });
  await t.clock.advance(600_000);
  await keepErrors(emitted, () => t.bes.collaborationService.closeInactive());
  await login(0);
  say(await dave.logout());

  // Errors the decoders raise on inputs that carry the secrets.
  const secretLogin = JSON.stringify({
    userId: 'alice',
    password: userAt(0).password,
    client: 'sametime',
    [userAt(1).password]: userAt(2).password,
  });
  await keepErrors(emitted, () =>
    decodeDeviceMessage(FrameKind.loginRequest, encoder.encode(secretLogin), 'dispatcher'),
  );
  await keepErrors(emitted, () =>
    decodeDeviceMessage(
      FrameKind.loginRequest,
      encoder.encode(JSON.stringify({ userId: 'alice', password: userAt(0).password.repeat(20), client: 'sametime' })),
      'dispatcher',
    ),
  );
  await keepErrors(emitted, () =>
    decodeDeviceMessage(FrameKind.loginRequest, encoder.encode(userAt(0).password), 'dispatcher'),
  );
  const loginFrames = emitted.bytes.filter((b) => b.length > 40);
  for (const bytes of loginFrames.slice(0, 20)) {
    await keepErrors(emitted, () =>
      new FrameDecoder({ maxFrameLength: 64 }).push(bytes.subarray(0, bytes.length - 1), () => {}),
    );
  }
  // Configuration errors on user lists that carry passwords.
  await keepErrors(emitted, () =>
    createBes({ seed: 1, users: [{ userId: 'x', password: userAt(0).password.repeat(20) }] }),
  );
  await keepErrors(emitted, () =>
    createBes({
      seed: 1,
      users: [
        { userId: 'x', password: 42 } as never,
        { userId: 'y', password: userAt(1).password, extra: userAt(2).password } as never,
      ],
    }),
  );
  await keepErrors(emitted, () =>
    createBes({ seed: 1, users: [{ userId: userAt(0).password.repeat(20), password: 'p' }] }),
  );

  // What a user might print: the BES and its parts.
  emitted.strings.push(inspect(t.bes, { depth: 6 }), inspect(devices, { depth: 6 }), JSON.stringify(devices));
  return emitted;
}

/** Replicas of the Diffie-Hellman key pairs the run's server and adapter drew. */
const server = () => new DhKeyPair(createRandom(SEED).fork('sametime-server').fork('dh-private'));
const adapter = () => new DhKeyPair(createRandom(SEED).fork('sametime-adapter').fork('dh-private'));

/** The secret bytes of the run: passwords typed or stored, and every key, recomputed from the seed. */
function secrets(): { name: string; bytes: Uint8Array }[] {
  const list: { name: string; bytes: Uint8Array }[] = [];
  for (const user of USERS) {
    list.push({ name: `${user.userId}'s Sametime password`, bytes: encoder.encode(user.password) });
    list.push({ name: `${user.userId}'s activation password`, bytes: encoder.encode(user.activationPassword) });
  }
  list.push({ name: 'a mistyped Sametime password', bytes: encoder.encode(WRONG_SAMETIME) });
  list.push({ name: 'a mistyped activation password', bytes: encoder.encode(WRONG_ACTIVATION) });
  // Transport keys: the activation replayed from the same seed draws the same keys.
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
  // The Diffie-Hellman private values of the Sametime server and adapter, the secret they agree
  // on and the RC2 key taken from it, replayed from the same seed.
  const serverSecret = createRandom(SEED).fork('sametime-server').fork('dh-private').bytes(64);
  const adapterSecret = createRandom(SEED).fork('sametime-adapter').fork('dh-private').bytes(64);
  const shared = bytesFromBigint(
    modPow(bigintFromBytes(server().publicKey(64)), bigintFromBytes(adapterSecret), SAMETIME_DH_PRIME),
  );
  list.push({ name: "the Sametime server's private value", bytes: serverSecret });
  list.push({ name: "the Sametime adapter's private value", bytes: adapterSecret });
  list.push({ name: 'the shared 1533 secret', bytes: shared });
  list.push({ name: 'the 1533 RC2 key', bytes: shared.subarray(shared.length - 16) });
  return list;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).indexOf(Buffer.from(needle));
}

/** Every 8-byte window of a secret: a partial leak is a leak. */
function windows(bytes: Uint8Array, size = 8): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at + size <= bytes.length; at++) out.push(bytes.subarray(at, at + size));
  return out;
}

describe.each(['local', 'remote'] as const)('secrets across a whole run (Collaboration Service %s)', (location) => {
  it('no password, key or credential bytes appear in any emitted byte, trace event, reply or error', async () => {
    const emitted = await scenario(location);
    const list = secrets();
    // The replicas must be the keys the run used: the server's public key proves the server's.
    const t = tappedBes();
    expect(Buffer.from(t.bes.backend.server.publicKey)).toEqual(Buffer.from(server().publicKey(64)));
    expect(Buffer.from(t.bes.backend.adapter.publicKey)).toEqual(Buffer.from(adapter().publicKey()));
    expect(emitted.bytes.length).toBeGreaterThan(60);
    expect(emitted.strings.length).toBeGreaterThan(300);

    const text = emitted.strings.join('\n');
    const textBytes = encoder.encode(text);
    const found: string[] = [];
    for (const { name, bytes } of list) {
      const forms = [
        Buffer.from(bytes).toString('hex'),
        Buffer.from(bytes).toString('base64'),
        Buffer.from(bytes).toString('latin1'),
      ];
      for (const form of forms) if (text.includes(form)) found.push(`${name} in text`);
      for (const window of windows(bytes)) {
        if (indexOf(textBytes, window) >= 0) found.push(`part of ${name} in text`);
        for (const chunk of emitted.bytes)
          if (indexOf(chunk, window) >= 0) found.push(`part of ${name} in emitted bytes`);
      }
    }
    expect([...new Set(found)]).toEqual([]);
  });
});

describe('the search itself', () => {
  it('finds a secret that is there (in bytes and in text)', () => {
    const [secret] = secrets();
    const bytes = Uint8Array.from([1, 2, ...secret!.bytes, 3]);
    expect(windows(secret!.bytes).every((w) => indexOf(bytes, w) >= 0)).toBe(true);
    expect(
      indexOf(encoder.encode(`x${userAt(0).password.slice(3, 12)}y`), windows(secret!.bytes)[3]!),
    ).toBeGreaterThanOrEqual(0);
  });
});
