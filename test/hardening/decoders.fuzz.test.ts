import fc from 'fast-check';
import { deflateRaw } from 'pako';
import { describe, expect, it, vi } from 'vitest';
import {
  createRandom,
  decodeDeviceMessage,
  DeviceLinks,
  deviceLinkId,
  EnterpriseActivation,
  FRAME_HEADER_BYTES,
  FrameError,
  FrameKind,
  MAX_BODY_BYTES,
  PipelineError,
  SealedLink,
  TransportKey,
  VirtualClock,
  type AirFrame,
} from '../../src/index.js';
import {
  CLIENT_VERSION,
  encodeDhAuthData,
  encodeRc2AuthData,
  PasswordSealer,
  encodeFrame,
  FrameDecoder,
  isKeyExchangeVersion,
  ReasonCode,
  SametimeAdapter,
  SametimeServer,
  type LinkAcceptor,
  type SametimeLink,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { InProcessConnector } from '../../src/sametime/link/in-process-connector.js';
import { discards, flush, PINS, snapshot, tappedBes, userAt, USERS } from './fixture.js';
import { decoderFuzz, propertyTimeout, runs, HARDENING_SEED } from './settings.js';
import { thrownBy } from '../crypto/fixtures.js';
import { anyMessage } from '../sametime/arbitraries.js';

// Properties run longer than vitest's default 5 s when BES_FUZZ_RUNS asks for more cases.
vi.setConfig({ testTimeout: propertyTimeout });

const kinds = Object.values(FrameKind);
const PIN = '2100000A';

/** A device end and a BES end (`DeviceLinks`, as the Dispatcher holds it) sharing a key. */
function linkPair() {
  const key = TransportKey.generate(createRandom(`hardening/${HARDENING_SEED}`));
  const links = new DeviceLinks('downlink', 'dispatcher');
  links.register(PIN, key);
  const device = new SealedLink({ key, linkId: deviceLinkId(PIN), sends: 'uplink' });
  const status = (): Uint8Array => device.seal(FrameKind.statusUpdate, new TextEncoder().encode('{"presence":"away"}'));
  return { key, links, device, status };
}

/** Ways a frame on the wire can be damaged: each takes a genuine frame and some entropy. */
const damage = fc.oneof(
  fc.record({ how: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 400 }) }),
  fc.record({ how: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    how: fc.constant('flip' as const),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ how: fc.constant('oversize' as const), length: fc.integer({ min: 0, max: 0xffff_ffff }) }),
  fc.record({ how: fc.constant('version' as const), version: fc.integer({ min: 0, max: 255 }).filter((v) => v !== 1) }),
  fc.record({ how: fc.constant('extend' as const), tail: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);
type Damage = typeof damage extends fc.Arbitrary<infer T> ? T : never;

function damaged(frame: Uint8Array, d: Damage): Uint8Array {
  switch (d.how) {
    case 'random':
      return d.bytes;
    case 'truncate':
      return frame.slice(0, d.at % frame.length);
    case 'flip': {
      const copy = frame.slice();
      for (const [at, x] of d.flips) copy[at % copy.length]! ^= x;
      return copy;
    }
    case 'oversize': {
      const copy = frame.slice();
      const length = d.length === copy.length - FRAME_HEADER_BYTES ? d.length + 1 : d.length;
      new DataView(copy.buffer).setUint32(8, length);
      return copy;
    }
    case 'version': {
      const copy = frame.slice();
      copy[0] = d.version;
      return copy;
    }
    case 'extend':
      return Uint8Array.from([...frame, ...d.tail]);
  }
}

describe('sealed frames at the BES end of a device link', () => {
  it('damaged frames are refused with a FrameError, never thrown, and leave the link where it was', () => {
    const { links, status } = linkPair();
    fc.assert(
      fc.property(damage, (d) => {
        const genuine = status();
        const opened = links.open(PIN, damaged(genuine, d));
        expect(opened.ok).toBe(false);
        if (!opened.ok) expect(opened.error).toBeInstanceOf(FrameError);
        if (d.how === 'oversize' && d.length > MAX_BODY_BYTES && !opened.ok)
          expect(opened.error.code).toBe('too-large');
        if (d.how === 'version' && !opened.ok) expect(opened.error.code).toBe('bad-version');
        // The genuine frame still opens: the damaged one moved nothing.
        expect(links.open(PIN, genuine).ok).toBe(true);
      }),
      decoderFuzz,
    );
  });

  it('authentic frames with any payload decode or are refused as malformed-message naming the hop', () => {
    const { links, device } = linkPair();
    const payload = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.json({ maxDepth: 4 }).map((text) => new TextEncoder().encode(text)),
      fc
        .jsonValue({ maxDepth: 3 })
        .map((value) =>
          new TextEncoder().encode(JSON.stringify({ userId: value, password: value, client: value, presence: value })),
        ),
      fc.nat(20_000).map((depth) => new TextEncoder().encode('['.repeat(depth) + ']'.repeat(depth))),
      fc
        .string({ maxLength: 300 })
        .map((s) =>
          new TextEncoder().encode(JSON.stringify({ userId: s.repeat(40), password: s, client: 'sametime' })),
        ),
      fc.constant(new TextEncoder().encode('{"__proto__":{"presence":"away"},"constructor":{"prototype":{}}}')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...kinds), payload, (kind, bytes) => {
        const opened = links.open(PIN, device.seal(kind, bytes));
        if (opened.ok) {
          expect(opened.message.kind).toBe(kind);
        } else {
          expect(opened.error).toBeInstanceOf(PipelineError);
          expect(opened.error).toMatchObject({ code: 'malformed-message', hop: 'dispatcher' });
        }
        // An authentic frame moves the link, malformed or not: it cannot be replayed.
        expect(links.open(PIN, device.seal(FrameKind.logout, new TextEncoder().encode('{}'))).ok).toBe(true);
      }),
      decoderFuzz,
    );
  });

  it('a decompression bomb at the largest body a frame may have is stopped at the 64 KB cap', () => {
    const bomb = deflateRaw(new Uint8Array(8 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES);
    const { key, links } = linkPair();
    const rogue = new SealedLink({
      key,
      linkId: deviceLinkId(PIN),
      sends: 'uplink',
      compressor: { compress: () => bomb, decompress: () => new Uint8Array(0) },
    });
    const frame = rogue.seal(FrameKind.statusUpdate, new Uint8Array(1));
    const before = process.memoryUsage().arrayBuffers;
    const opened = links.open(PIN, frame);
    const grown = process.memoryUsage().arrayBuffers - before;
    expect(opened).toMatchObject({ ok: false, error: { code: 'decompressed-too-large' } });
    // Inflating the whole bomb would take 8 MB; the cap lets it take about one 64 KB packet.
    expect(grown).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('device messages (what the Dispatcher hands the Collaboration Service)', () => {
  it('any kind byte with any payload decodes or throws PipelineError malformed-message naming the hop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.json().map((text) => new TextEncoder().encode(text)),
        ),
        (kind, payload) => {
          const error = thrownBy(() => decodeDeviceMessage(kind, payload, 'collaboration-service'));
          if (error === undefined) return;
          expect(error).toBeInstanceOf(PipelineError);
          expect(error).toMatchObject({ code: 'malformed-message', hop: 'collaboration-service' });
        },
      ),
      decoderFuzz,
    );
  });
});

describe('garbage on the air, through a whole BES', () => {
  /**
   * The model's Router addresses frames by object ({ pin, bytes }), not by an SRP byte envelope:
   * what reaches the Dispatcher is a PIN it may not know and bytes that may be anything.
   */
  const pin = fc.oneof(
    fc.constantFrom(...PINS),
    fc.constantFrom('', '21FFFFFF', 'not-a-pin', '2100000a'),
    fc.string({ maxLength: 12 }),
  );

  it.each(['local', 'remote'] as const)(
    'service %s: any frame for any PIN is discarded with a FrameError code, and nothing moves',
    async (location) => {
      const t = tappedBes({ config: { collaborationService: location } });
      const devices = [t.activate(0), t.activate(1)];
      expect((await devices[0]!.login({ userId: userAt(0).userId, password: userAt(0).password })).status).toBe(
        'accepted',
      );
      // A pool of genuine frames the BES has not seen: sent, then held back on the air.
      const pool: AirFrame[] = [];
      t.taps.air = (frame) => {
        pool.push(frame);
        return null;
      };
      for (const device of devices) {
        for (let i = 0; i < 4; i++) await device.sendStatus('busy');
      }
      t.taps.air = (frame) => frame;
      const before = await snapshot(t.bes);
      const opener = location === 'local' ? 'dispatcher' : 'collaboration-service';
      await fc.assert(
        fc.asyncProperty(pin, fc.nat(pool.length - 1), damage, async (target, which, d) => {
          const from = t.events.length;
          expect(await t.inject({ pin: target, bytes: damaged(pool[which]!.bytes, d) })).toBeNull();
          const [discard, ...more] = discards(t.since(from));
          expect(more).toEqual([]);
          expect(discard?.[0]).toBe(opener);
          expect(discard?.[1]).toMatch(
            /^(truncated|trailing-bytes|too-large|bad-version|bad-kind|bad-flags|bad-direction|wrong-direction|not-encrypted|replayed|authentication-failed)$/,
          );
          expect(await snapshot(t.bes)).toEqual(before);
        }),
        { ...decoderFuzz, numRuns: runs(500, 1 / 4) },
      );
      // The pool's frames still open in order: nothing the garbage did moved a link.
      for (const frame of pool) expect(await t.inject(frame)).not.toBeNull();
    },
    propertyTimeout,
  );
});

describe('a Sametime server answering anything', () => {
  /** An acceptor that answers the adapter's first bytes with `reply`, then maybe closes. */
  class ScriptedAcceptor implements LinkAcceptor {
    reply: readonly Uint8Array[] = [];
    closeAfter = false;
    links: SametimeLink[] = [];
    accept(link: SametimeLink): void {
      this.links.push(link);
      let answered = false;
      link.listen({
        data: () => {
          if (answered) return;
          answered = true;
          for (const chunk of this.reply) link.write(chunk);
          if (this.closeAfter) link.close();
        },
        closed: () => {},
      });
    }
  }

  const ack = (key: Uint8Array, major: number, minor: number): SametimeMessage => ({
    type: 'HANDSHAKE_ACK',
    channel: 0,
    major,
    minor,
    clientAddress: 0,
    keyExchange: { magic: 7, serverKey: key },
  });

  it(
    'the adapter settles every login with a failure within its timeout, and leaves nothing open or asleep',
    async () => {
      const clock = new VirtualClock();
      const acceptor = new ScriptedAcceptor();
      const adapter = new SametimeAdapter({
        connector: new InProcessConnector({ acceptor, clock }),
        clock,
        random: createRandom('hardening-adapter'),
        host: 'st.corp',
        sessionLimit: 10,
        loginTimeoutMs: 1_000,
        maxFrameLength: 4_096,
      });
      const reply = fc.oneof(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 3 }),
        // A genuine HANDSHAKE_ACK (any version, any key), then anything.
        fc
          .tuple(
            fc.uint8Array({ minLength: 32, maxLength: 32 }),
            fc.integer({ min: 0, max: 0x40 }),
            fc.integer({ min: 0, max: 0x40 }),
            fc.uint8Array({ maxLength: 200 }),
          )
          .map(([key, major, minor, tail]) => [encodeFrame(ack(key, major, minor)), tail]),
        // A length prefix promising more than the adapter accepts.
        fc.integer({ min: 4_097, max: 0xffff_ffff }).map((length) => {
          const bytes = new Uint8Array(8);
          new DataView(bytes.buffer).setUint32(0, length);
          return [bytes];
        }),
      );
      await fc.assert(
        fc.asyncProperty(reply, fc.boolean(), async (chunks, closeAfter) => {
          acceptor.reply = chunks;
          acceptor.closeAfter = closeAfter;
          let settled = false;
          const login = adapter.login({ userId: 'alice', password: 'pw', pin: PIN }).finally(() => (settled = true));
          await flush();
          if (!settled) await clock.advance(1_000);
          const result = await login;
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.failure.status).toMatch(/^(failed|authentication-failed)$/);
          await flush();
          expect(acceptor.links.at(-1)?.open).toBe(false);
          expect(clock.pending).toBe(0);
        }),
        { ...decoderFuzz, numRuns: runs(500, 1 / 4) },
      );
    },
    propertyTimeout,
  );

  it(
    'the server takes any client bytes without throwing, opens no session, and holds no more than its frame limit',
    async () => {
      const clock = new VirtualClock();
      const server = new SametimeServer({
        clock,
        random: createRandom('hardening-server'),
        capacity: 10,
        users: USERS.map((u) => [u.userId, u.password] as const),
        maxFrameLength: 4_096,
      });
      const connector = server.connector();
      const handshake = (major: number, minor: number): Uint8Array =>
        encodeFrame({
          type: 'HANDSHAKE',
          channel: 0,
          major,
          minor,
          masterChannel: 0,
          serverAddress: 0,
          loginType: 0x1003,
          localAddress: 0,
          extension: { marker: 0x100, reserved: 0, localHost: 'fuzz' },
        });
      const stream = fc.oneof(
        fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 4 }),
        fc
          .tuple(
            fc.integer({ min: 0, max: 0x40 }),
            fc.integer({ min: 0, max: 0x40 }),
            fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 3 }),
          )
          .map(([major, minor, rest]) => [handshake(major, minor), ...rest]),
      );
      await fc.assert(
        fc.asyncProperty(stream, async (chunks) => {
          const link = await connector.connect('sametime.example', 1533);
          const decoder = new FrameDecoder();
          const answers: SametimeMessage[] = [];
          link.listen({ data: (bytes) => decoder.push(bytes, (m) => answers.push(m)), closed: () => {} });
          for (const chunk of chunks) link.write(chunk);
          await flush();
          expect(server.openSessionCount).toBe(0);
          for (const m of answers) {
            expect(['HANDSHAKE_ACK', 'CHANNEL_DESTROY']).toContain(m.type);
            if (m.type === 'HANDSHAKE_ACK') expect(isKeyExchangeVersion(m.major, m.minor)).toBe(true);
          }
          link.close();
          await flush();
          expect(server.openConnectionCount).toBe(0);
        }),
        { ...decoderFuzz, numRuns: runs(500, 1 / 4) },
      );
    },
    propertyTimeout,
  );

  it(
    'the server answers a LOGIN with any auth type and auth data by refusing it, never by a session',
    async () => {
      const clock = new VirtualClock();
      const server = new SametimeServer({
        clock,
        random: createRandom('hardening-login'),
        capacity: 10,
        users: USERS.map((u) => [u.userId, u.password] as const),
      });
      const connector = server.connector();
      const sealer = new PasswordSealer(createRandom('hardening-login-client'));
      const authData = fc.oneof(
        fc.uint8Array({ maxLength: 200 }),
        fc
          .tuple(fc.uint8Array({ minLength: 1, maxLength: 80 }), fc.uint8Array({ maxLength: 48 }))
          .map(([key, cipher]) => encodeDhAuthData(key, cipher)),
        fc
          .tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.uint8Array({ maxLength: 48 }))
          .map(([key, cipher]) => encodeRc2AuthData(key, cipher)),
        fc.string({ maxLength: 20 }).map((password) => sealer.sealRc2_40(password)),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(0, 1, 2, 4, 0x1000),
          authData,
          fc.constantFrom(...USERS.map((u) => u.userId), 'nobody'),
          async (authType, data, userId) => {
            const link = await connector.connect('sametime.example', 1533);
            const decoder = new FrameDecoder();
            const answers: SametimeMessage[] = [];
            link.listen({ data: (bytes) => decoder.push(bytes, (m) => answers.push(m)), closed: () => {} });
            link.write(
              encodeFrame({
                type: 'HANDSHAKE',
                channel: 0,
                major: 0x1e,
                minor: 0x1d,
                masterChannel: 0,
                serverAddress: 0,
                loginType: 0x1700,
                localAddress: 0,
                extension: { marker: 0x100, reserved: 0, localHost: '' },
              }),
            );
            link.write(encodeFrame({ type: 'LOGIN', channel: 0, loginType: 0x1700, userId, authData: data, authType }));
            await flush();
            expect(answers.map((m) => m.type)).toEqual(['HANDSHAKE_ACK', 'CHANNEL_DESTROY']);
            const refusal = answers[1];
            expect([ReasonCode.encryptionMismatch, ReasonCode.incorrectLogin, ReasonCode.userUnregistered]).toContain(
              refusal?.type === 'CHANNEL_DESTROY' ? refusal.reason : -1,
            );
            expect(server.openSessionCount).toBe(0);
            link.close();
            await flush();
            expect(server.openConnectionCount).toBe(0);
          },
        ),
        { ...decoderFuzz, numRuns: runs(300, 1 / 8) },
      );
    },
    propertyTimeout,
  );

  it(
    'a live session takes any messages and bytes from its server: it stays open or closes with a reason, never throws',
    async () => {
      const clock = new VirtualClock();
      const server = new SametimeServer({
        clock,
        random: createRandom('hardening-session'),
        capacity: 10,
        users: USERS.map((u) => [u.userId, u.password] as const),
      });
      const adapter = new SametimeAdapter({
        connector: server.connector(),
        clock,
        random: createRandom('hardening-session-adapter'),
        host: 'sametime.example',
        sessionLimit: 10,
      });
      const incoming = fc.array(
        fc.oneof(
          anyMessage.map((m) => encodeFrame(m)),
          fc.uint8Array({ maxLength: 64 }),
          // A type code in no table, framed.
          fc.tuple(fc.integer({ min: 0x0100, max: 0x7fff }), fc.uint8Array({ maxLength: 16 })).map(([code, body]) => {
            const frame = new Uint8Array(12 + body.length);
            const view = new DataView(frame.buffer);
            view.setUint32(0, 8 + body.length);
            view.setUint16(4, code);
            frame.set(body, 12);
            return frame;
          }),
        ),
        { maxLength: 6 },
      );
      await fc.assert(
        fc.asyncProperty(incoming, async (chunks) => {
          const result = await adapter.login({ userId: userAt(0).userId, password: userAt(0).password, pin: PIN });
          if (!result.ok) throw new Error(result.failure.reason);
          const closes: number[] = [];
          result.session.onServerClose((code) => closes.push(code));
          for (const chunk of chunks) result.session.data(chunk);
          expect(closes.length).toBeLessThanOrEqual(1);
          expect(result.session.open).toBe(closes.length === 0);
          await result.session.close('logout');
          await flush();
          expect(server.openConnectionCount).toBe(0);
        }),
        { ...decoderFuzz, numRuns: runs(300, 1 / 8) },
      );
    },
    propertyTimeout,
  );

  it(
    'a HANDSHAKE of any version older than 0x1e/0x1d is refused as version-mismatch',
    async () => {
      const clock = new VirtualClock();
      const server = new SametimeServer({ clock, random: createRandom('hardening-versions'), capacity: 1 });
      const connector = server.connector();
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 0xffff }),
          fc.integer({ min: 0, max: 0xffff }),
          async (major, minor) => {
            const link = await connector.connect('sametime.example', 1533);
            const answers: SametimeMessage[] = [];
            const decoder = new FrameDecoder();
            link.listen({ data: (bytes) => decoder.push(bytes, (m) => answers.push(m)), closed: () => {} });
            const old = !isKeyExchangeVersion(major, minor);
            link.write(
              encodeFrame({
                type: 'HANDSHAKE',
                channel: 0,
                major,
                minor,
                masterChannel: 0,
                serverAddress: 0,
                loginType: 0x1003,
                localAddress: 0,
                ...(old ? {} : { extension: { marker: 0x100, reserved: 0, localHost: 'fuzz' } }),
              }),
            );
            await flush();
            const [answer] = answers;
            if (old) expect(answer).toMatchObject({ type: 'CHANNEL_DESTROY', reason: ReasonCode.versionMismatch });
            else
              expect(answer).toMatchObject({
                type: 'HANDSHAKE_ACK',
                major: CLIENT_VERSION.major,
                minor: CLIENT_VERSION.minor,
              });
            link.close();
            await flush();
            expect(server.openConnectionCount).toBe(0);
          },
        ),
        { ...decoderFuzz, numRuns: runs(300, 1 / 8) },
      );
    },
    propertyTimeout,
  );
});

describe('a device with its key sending a decompression bomb through the whole BES', () => {
  it('is discarded as decompressed-too-large and moves nothing', async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    // The same key the BES drew for the device: the activation replayed from the same seed.
    const activation = new EnterpriseActivation({
      random: createRandom(6).fork('activation'),
      activationPasswordOf: (userId) => USERS.find((u) => u.userId === userId)?.activationPassword,
    });
    const replica = activation.activate({
      pin: alice.pin,
      userId: 'alice',
      activationPassword: userAt(0).activationPassword,
    });
    if (!replica.ok) throw new Error('replica activation failed');
    const bomb = deflateRaw(new Uint8Array(8 * 1024 * 1024));
    const rogue = new SealedLink({
      key: replica.deviceKey,
      linkId: deviceLinkId(alice.pin),
      sends: 'uplink',
      compressor: { compress: () => bomb, decompress: () => new Uint8Array(0) },
    });
    for (let i = 0; i < 10; i++) rogue.seal(FrameKind.statusUpdate, new Uint8Array(1)); // past alice's sequence numbers
    const before = await snapshot(t.bes);
    const from = t.events.length;
    expect(await t.inject({ pin: alice.pin, bytes: rogue.seal(FrameKind.statusUpdate, new Uint8Array(1)) })).toBeNull();
    expect(discards(t.since(from))).toEqual([['dispatcher', 'decompressed-too-large']]);
    expect(await snapshot(t.bes)).toEqual(before);
    expect((await alice.sendStatus('away')).status).toBe('ok');
  });
});
