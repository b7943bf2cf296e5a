import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { decodeFrameHeader, type AirFrame, type Device, type FrameErrorCode } from '../../src/index.js';
import { PRESENCE_STATUS, SametimeAdapter, SametimeServer, type SametimeConnector } from '../../src/sametime/index.js';
import { discards, PINS, snapshot, tappedBes, userAt, USERS, type Tapped } from './fixture.js';
import { pipelineFuzz, propertyTimeout } from './settings.js';
import { credentials } from '../support/users.js';
import { TAMPER_CODES as FRAME_TAMPER_CODES } from '../crypto/fixtures.js';

// Properties run longer than vitest's default 5 s when BES_FUZZ_RUNS asks for more cases.
vi.setConfig({ testTimeout: propertyTimeout });

/** What one flipped bit can turn a sealed frame into at a link end: the frame's own checks, plus the link's. */
const TAMPER_CODES: readonly FrameErrorCode[] = [...FRAME_TAMPER_CODES, 'wrong-direction', 'replayed'];

/** A tap that holds back the first frame through it until `release` is called, so the next overtakes it. */
function holdingTheFirstFrame<F>(): { tap: (frame: F) => Promise<F>; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let seen = 0;
  const tap = async (frame: F): Promise<F> => {
    if (++seen === 1) await held;
    return frame;
  };
  return { tap, release };
}

type Operation = 'login' | 'status' | 'logout';
const operations: readonly Operation[] = ['login', 'status', 'logout'];

function run(device: Device, operation: Operation, index = 0): Promise<{ status: string }> {
  if (operation === 'login') return device.login(credentials(index));
  if (operation === 'status') return device.sendStatus('busy');
  return device.logout();
}

function flipBit(bytes: Uint8Array, bitSeed: number): Uint8Array {
  const copy = bytes.slice();
  const bit = bitSeed % (copy.length * 8);
  copy[bit >> 3]! ^= 1 << (bit & 7);
  return copy;
}

function sealedBytes(frame: AirFrame): Uint8Array {
  if (!decodeFrameHeader(frame.bytes).encrypted) throw new Error('expected a sealed frame on 3200');
  return frame.bytes;
}

/**
 * Flips one bit of each frame crossing `tap`, runs `operation` for alice, and checks what a user
 * would see: no response, one discard, by `by`, with a tamper code. The tap passes frames untouched
 * again afterwards; returns the first frame as it was before the flip.
 */
async function expectTamperDiscarded(
  t: TwoSessions,
  tap: 'air' | 'airReply' | 'service' | 'serviceReply',
  operation: Operation,
  bitSeed: number,
  by: string,
): Promise<AirFrame | undefined> {
  let original: AirFrame | undefined;
  t.taps[tap] = (frame) => {
    original ??= frame;
    return { pin: frame.pin, bytes: flipBit(tap.startsWith('service') ? sealedBytes(frame) : frame.bytes, bitSeed) };
  };
  const from = t.events.length;
  expect((await run(t.alice, operation)).status).toBe('no-response');
  const [discard, ...more] = discards(t.since(from));
  expect(more).toEqual([]);
  expect(discard?.[0]).toBe(by);
  expect(TAMPER_CODES).toContain(discard?.[1]);
  t.taps[tap] = (frame) => frame;
  return original;
}

/** A BES with alice and bob logged in, alice away. */
async function twoSessions(location: 'local' | 'remote') {
  const t = tappedBes({ config: { collaborationService: location } });
  const alice = t.activate(0);
  const bob = t.activate(1);
  expect((await alice.login(credentials(0))).status).toBe('accepted');
  expect((await bob.login(credentials(1))).status).toBe('accepted');
  expect((await alice.sendStatus('away')).status).toBe('ok');
  return { ...t, alice, bob };
}

type TwoSessions = Awaited<ReturnType<typeof twoSessions>>;

/** Records every uplink frame on the air, and lets it through. */
function recordAir(t: Tapped): AirFrame[] {
  const seen: AirFrame[] = [];
  t.taps.air = (frame) => {
    seen.push(frame);
    return frame;
  };
  return seen;
}

function recordAirReplies(t: Tapped): AirFrame[] {
  const seen: AirFrame[] = [];
  t.taps.airReply = (frame) => {
    seen.push(frame);
    return frame;
  };
  return seen;
}

function serverStatusOf(t: Tapped, pin: string): number | undefined {
  const record = t.bes.backend.server
    .sessions()
    .find((s) => s.userId === userAt(PINS.indexOf(pin as (typeof PINS)[number])).userId);
  return record?.lastStatus?.status;
}

describe.each(['local', 'remote'] as const)('tampering on the air (SRP 3101), Collaboration Service %s', (location) => {
  /** Local: the Dispatcher opens device frames. Remote: they cross 3200 sealed and the service opens them. */
  const opener = location === 'local' ? 'dispatcher' : 'collaboration-service';

  it('an uplink frame with any bit flipped is discarded with its code, and nothing moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.nat(), async (operation, bitSeed) => {
        const t = await twoSessions(location);
        const before = await snapshot(t.bes);
        const original = await expectTamperDiscarded(t, 'air', operation, bitSeed, opener);
        expect(await snapshot(t.bes)).toEqual(before);
        // The BES end of the link did not move: the untouched frame still opens and is answered.
        expect(await t.inject(original!)).not.toBeNull();
      }),
      pipelineFuzz,
    );
  });

  it('a downlink reply with any bit flipped is discarded by the device with its code; its link does not move', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.nat(), async (operation, bitSeed) => {
        const t = await twoSessions(location);
        await expectTamperDiscarded(t, 'airReply', operation, bitSeed, 'device');
        // The device still opens the next genuine reply.
        expect((await t.alice.login(credentials(0))).status).toBe('accepted');
      }),
      pipelineFuzz,
    );
  });

  it('a replayed login request is refused as replayed: a captured frame cannot open a session', async () => {
    const t = await twoSessions(location);
    const air = recordAir(t);
    expect((await t.alice.login(credentials(0))).status).toBe('accepted');
    const loginFrame = air.at(-1)!;
    expect((await t.alice.logout()).status).toBe('logged-out');
    const before = await snapshot(t.bes);
    const from = t.events.length;
    expect(await t.inject(loginFrame)).toBeNull();
    expect(discards(t.since(from))).toEqual([[opener, 'replayed']]);
    expect(await snapshot(t.bes)).toEqual(before);
    expect(before.records.map((r) => r.userId)).toEqual(['bob']);
  });

  it('a replayed logout cannot end the session that followed it', async () => {
    const t = await twoSessions(location);
    const air = recordAir(t);
    expect((await t.alice.logout()).status).toBe('logged-out');
    const logoutFrame = air.at(-1)!;
    expect((await t.alice.login(credentials(0))).status).toBe('accepted');
    const before = await snapshot(t.bes);
    expect(await t.inject(logoutFrame)).toBeNull();
    expect(await snapshot(t.bes)).toEqual(before);
    expect(before.records.map((r) => r.userId).sort()).toEqual(['alice', 'bob']);
  });

  it('a replayed status message does not reach Sametime again', async () => {
    const t = await twoSessions(location);
    const air = recordAir(t);
    expect((await t.alice.sendStatus('busy')).status).toBe('ok');
    const busyFrame = air.at(-1)!;
    expect((await t.alice.sendStatus('available')).status).toBe('ok');
    const before = await snapshot(t.bes);
    expect(await t.inject(busyFrame)).toBeNull();
    expect(await snapshot(t.bes)).toEqual(before);
    expect(serverStatusOf(t, PINS[0])).toBe(PRESENCE_STATUS.available);
  });

  it('frames reordered on the way in: the older one, arriving second, is refused as replayed', async () => {
    const t = await twoSessions(location);
    const { tap, release } = holdingTheFirstFrame<AirFrame>();
    t.taps.air = tap;
    const from = t.events.length;
    const away = t.alice.sendStatus('away');
    const busy = t.alice.sendStatus('busy');
    expect((await busy).status).toBe('ok');
    const before = await snapshot(t.bes);
    release();
    expect((await away).status).toBe('no-response');
    expect(discards(t.since(from))).toEqual([[opener, 'replayed']]);
    expect(await snapshot(t.bes)).toEqual(before);
    expect(serverStatusOf(t, PINS[0])).toBe(PRESENCE_STATUS.busy);
  });

  it('replies reordered on the way out: the older one, arriving second, is discarded by the device', async () => {
    const t = await twoSessions(location);
    const { tap, release } = holdingTheFirstFrame<AirFrame>();
    t.taps.airReply = tap;
    const from = t.events.length;
    const away = t.alice.sendStatus('away');
    const busy = t.alice.sendStatus('busy');
    expect((await busy).status).toBe('ok');
    release();
    expect((await away).status).toBe('no-response');
    expect(discards(t.since(from))).toEqual([['device', 'replayed']]);
  });

  it('a reply replayed to the device is discarded as replayed', async () => {
    const t = await twoSessions(location);
    const replies = recordAirReplies(t);
    expect((await t.alice.sendStatus('busy')).status).toBe('ok');
    const old = replies.at(-1)!;
    t.taps.airReply = (frame) => ({ pin: frame.pin, bytes: old.bytes });
    const from = t.events.length;
    expect((await t.alice.sendStatus('available')).status).toBe('no-response');
    expect(discards(t.since(from))).toEqual([['device', 'replayed']]);
  });

  it('a frame sealed under another BES key for the same PIN is refused as authentication-failed', async () => {
    const t = await twoSessions(location);
    const other = tappedBes({ seed: 7 });
    const impostor = other.activate(0);
    const captured: AirFrame[] = [];
    other.taps.air = (frame) => {
      captured.push(frame);
      return null;
    };
    // Past the victim link's sequence numbers, so the frames reach authentication (a lower one is `replayed`).
    for (let i = 0; i < 5; i++) await impostor.sendStatus('away');
    captured.length = 0;
    for (const operation of operations) await run(impostor, operation);
    const before = await snapshot(t.bes);
    const from = t.events.length;
    for (const frame of captured) expect(await t.inject(frame)).toBeNull();
    expect(discards(t.since(from))).toEqual(captured.map(() => [opener, 'authentication-failed']));
    expect(await snapshot(t.bes)).toEqual(before);
    expect((await t.alice.sendStatus('available')).status).toBe('ok');
  });

  it("a device's frame readdressed to another PIN opens on neither link", async () => {
    const t = await twoSessions(location);
    let original: AirFrame | undefined;
    t.taps.air = (frame) => {
      original = frame;
      return { pin: PINS[1], bytes: frame.bytes };
    };
    const before = await snapshot(t.bes);
    const from = t.events.length;
    expect((await t.alice.sendStatus('busy')).status).toBe('no-response');
    expect(discards(t.since(from))).toEqual([[opener, 'authentication-failed']]);
    expect(await snapshot(t.bes)).toEqual(before);
    t.taps.air = (frame) => frame;
    expect(await t.inject(original!)).not.toBeNull();
    expect((await t.bob.sendStatus('away')).status).toBe('ok');
  });

  it('a reply sealed for another device is discarded as authentication-failed', async () => {
    const t = await twoSessions(location);
    const replies = recordAirReplies(t);
    // Past the sequence numbers alice's device has accepted, so the reply reaches authentication.
    for (let i = 0; i < 3; i++) expect((await t.bob.sendStatus('busy')).status).toBe('ok');
    const bobs = replies.at(-1)!;
    t.taps.airReply = (frame) => ({ pin: frame.pin, bytes: bobs.bytes });
    const from = t.events.length;
    expect((await t.alice.sendStatus('busy')).status).toBe('no-response');
    expect(discards(t.since(from))).toEqual([['device', 'authentication-failed']]);
  });

  it('frames sealed under a key the BES has renewed are refused; the renewed device carries on', async () => {
    const t = await twoSessions(location);
    // A frame sealed under the old key, held back on the air until the key is renewed.
    const held: AirFrame[] = [];
    t.taps.air = (frame) => {
      held.push(frame);
      return null;
    };
    expect((await t.alice.sendStatus('busy')).status).toBe('no-response');
    t.taps.air = (frame) => frame;
    const renewed = t.activate(0);
    const before = await snapshot(t.bes);
    const from = t.events.length;
    expect(await t.inject(held[0]!)).toBeNull();
    expect(discards(t.since(from))).toEqual([[opener, 'authentication-failed']]);
    expect(await snapshot(t.bes)).toEqual(before);
    expect((await renewed.login(credentials(0))).status).toBe('accepted');
  });

  it('frames for a PIN that was never activated are refused as authentication-failed', async () => {
    const t = await twoSessions(location);
    const air = recordAir(t);
    await t.alice.sendStatus('busy');
    const before = await snapshot(t.bes);
    const from = t.events.length;
    expect(await t.inject({ pin: '21FFFFFF', bytes: air.at(-1)!.bytes })).toBeNull();
    expect(discards(t.since(from))).toEqual([[opener, 'authentication-failed']]);
    expect(await snapshot(t.bes)).toEqual(before);
  });
});

describe('tampering on 3200, between the Dispatcher and a remote Collaboration Service', () => {
  it('a request with any bit flipped is discarded by the service with its code, and nothing moves', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.nat(), async (operation, bitSeed) => {
        const t = await twoSessions('remote');
        const before = await snapshot(t.bes);
        const original = await expectTamperDiscarded(t, 'service', operation, bitSeed, 'collaboration-service');
        expect(await snapshot(t.bes)).toEqual(before);
        expect(await t.injectService(original!)).not.toBeNull();
      }),
      pipelineFuzz,
    );
  });

  it('a reply with any bit flipped is discarded by the device', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations), fc.nat(), async (operation, bitSeed) => {
        const t = await twoSessions('remote');
        await expectTamperDiscarded(t, 'serviceReply', operation, bitSeed, 'device');
      }),
      pipelineFuzz,
    );
  });

  it('a request replayed on 3200 is refused as replayed', async () => {
    const t = await twoSessions('remote');
    const seen: AirFrame[] = [];
    t.taps.service = (envelope) => {
      seen.push(envelope);
      return envelope;
    };
    expect((await t.alice.logout()).status).toBe('logged-out');
    expect((await t.alice.login(credentials(0))).status).toBe('accepted');
    t.taps.service = (envelope) => envelope;
    const before = await snapshot(t.bes);
    const from = t.events.length;
    for (const envelope of [...seen]) expect(await t.injectService(envelope)).toBeNull();
    expect(discards(t.since(from))).toEqual([
      ['collaboration-service', 'replayed'],
      ['collaboration-service', 'replayed'],
    ]);
    expect(await snapshot(t.bes)).toEqual(before);
  });

  it('nothing crosses 3200 to or from a remote service but sealed, compressed frames', async () => {
    const t = await twoSessions('remote');
    const crossing: boolean[] = [];
    const see = (frame: AirFrame): AirFrame => {
      const header = decodeFrameHeader(frame.bytes);
      crossing.push(header.encrypted && header.compressed);
      return frame;
    };
    t.taps.service = see;
    t.taps.serviceReply = see;
    await t.alice.sendStatus('busy');
    await t.alice.logout();
    expect(crossing).toEqual([true, true, true, true]);
  });
});

/** A connector that lets a test change each frame the adapter writes on 1533 before the server reads it. */
function tamperingConnector(inner: SametimeConnector, mutate: (bytes: Uint8Array) => Uint8Array): SametimeConnector {
  return {
    async connect(host, port, request) {
      const link = await inner.connect(host, port, request);
      return {
        id: link.id,
        get open() {
          return link.open;
        },
        write: (bytes) => link.write(mutate(bytes)),
        close: () => link.close(),
        listen: (listener) => link.listen(listener),
      };
    },
  };
}

/** The byte range of the sealed auth data inside an encoded LOGIN frame, or undefined for other frames. */
function authDataRange(frame: Uint8Array): [start: number, end: number] | undefined {
  if (frame.length < 16 || frame[4] !== 0x00 || frame[5] !== 0x01) return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const userIdBytes = view.getUint16(14);
  const lengthAt = 16 + userIdBytes;
  const start = lengthAt + 4;
  return [start, start + view.getUint32(lengthAt)];
}

/** A BES whose Sametime adapter reaches its server through `mutate` (via the `backend` option). */
function besWithTamperedSametime(mutate: (bytes: Uint8Array) => Uint8Array) {
  let server: SametimeServer | undefined;
  const t = tappedBes({
    backend: ({ clock, random, config, observe, events }) => {
      server = new SametimeServer({
        clock,
        random: random.fork('server'),
        capacity: config.sametime.sessionLimit,
        users: USERS.map((u) => [u.userId, u.password] as const),
        ...(observe === undefined ? {} : { observe }),
      });
      return new SametimeAdapter({
        connector: tamperingConnector(server.connector(), mutate),
        clock,
        random: random.fork('adapter'),
        host: config.sametime.host,
        sessionLimit: config.sametime.sessionLimit,
        events,
        ...(observe === undefined ? {} : { observe }),
      });
    },
  });
  return { ...t, server: server! };
}

describe('tampering on 1533, between the Sametime adapter and the server', () => {
  it('a LOGIN whose sealed password has any bit flipped opens no session, and the slot is released', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (bitSeed) => {
        let armed = true;
        const t = besWithTamperedSametime((bytes) => {
          const range = authDataRange(bytes);
          if (!armed || range === undefined) return bytes;
          const [start, end] = range;
          const copy = bytes.slice();
          const bit = start * 8 + (bitSeed % ((end - start) * 8));
          copy[bit >> 3]! ^= 1 << (bit & 7);
          return copy;
        });
        const alice = t.activate(0);
        const reply = await alice.login(credentials(0));
        expect(['authentication-failed', 'failed']).toContain(reply.status);
        expect(reply.reasonCode).toBeDefined();
        expect(t.server.openSessionCount).toBe(0);
        expect(t.server.openConnectionCount).toBe(0);
        expect(await t.bes.sessions.count()).toBe(0);
        expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
        armed = false;
        expect((await alice.login(credentials(0))).status).toBe('accepted');
      }),
      pipelineFuzz,
    );
  });

  it('a LOGIN replayed on a later connection is refused: its seal is bound to the first connection', async () => {
    let captured: Uint8Array | undefined;
    let replay = false;
    const t = besWithTamperedSametime((bytes) => {
      if (authDataRange(bytes) === undefined) return bytes;
      if (replay && captured !== undefined) return captured;
      captured = bytes;
      return bytes;
    });
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect((await alice.logout()).status).toBe('logged-out');
    replay = true;
    const reply = await alice.login(credentials(0));
    expect(reply).toMatchObject({ status: 'authentication-failed', reason: 'incorrect-login' });
    expect(t.server.openSessionCount).toBe(0);
    expect(await t.bes.sessions.count()).toBe(0);
  });
});
