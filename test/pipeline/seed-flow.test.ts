/**
 * One test per sentence of the seed page (BES Feature and Technical Overview, page 85: starting an
 * instant messaging session), each named after its step.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrameHeader } from '../../src/crypto/frame-header.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import type { AirFrame } from '../../src/pipeline/air-frame.js';
import { pipe, type SimpleFilter } from '../../src/pipeline/stage.js';
import { sametimeBackend } from '../../src/sametime/sametime-backend.js';
import { AuthType } from '../../src/sametime/auth/auth-type.js';
import type { LinkDirection } from '../../src/sametime/link/sametime-link.js';
import { decodeStream } from '../../src/sametime/wire/frame-decoder.js';
import { StatusCode, MOBILE_STATUS_FLAG } from '../../src/sametime/wire/user-status.js';
import { eventsOf, passwordOf, pinFor, testBes } from './bes-fixture.js';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

function contains(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle, 'utf8'));
}

describe('step 1: a user logs in to a collaboration client on a BlackBerry device', () => {
  it('answers the device with an accepted login and a session id', async () => {
    const { activate } = testBes();
    const reply = await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(reply).toEqual({ status: 'accepted', sessionId: expect.any(String) });
  });
});

describe('step 2: the device compresses and encrypts the user ID and password and sends them through the Router to the Dispatcher over port 3101', () => {
  it('puts only a sealed, compressed frame on the air, with neither user id nor password readable', async () => {
    const onAir: AirFrame[] = [];
    const radio: SimpleFilter<AirFrame, AirFrame | null> = async (frame, next) => {
      onAir.push(frame);
      return next(frame);
    };
    const { activate, events } = testBes({
      compose: ({ device, router, dispatcher, collaborationService, backend }) =>
        pipe(device, radio, router, dispatcher, collaborationService, backend),
    });
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });

    expect(onAir).toHaveLength(1);
    const frame = onAir[0]!;
    const header = decodeFrameHeader(frame.bytes);
    expect(header).toMatchObject({
      kind: FrameKind.loginRequest,
      compressed: true,
      encrypted: true,
      direction: 'uplink',
    });
    expect(contains(frame.bytes, 'alice')).toBe(false);
    expect(contains(frame.bytes, passwordOf('alice'))).toBe(false);

    const routed = eventsOf(events, 'router', 'relayed').find((e) => e.direction === 'request');
    expect(routed).toMatchObject({ port: 3101, bytes: frame.bytes.length, sealed: true, compressed: true });
    const received = eventsOf(events, 'dispatcher', 'received')[0];
    expect(received).toMatchObject({ port: 3101, sealed: true });
  });
});

describe('step 3: the Dispatcher sends the request to the Collaboration Service over port 3200', () => {
  it('forwards the request on port 3200 to the Collaboration Service', async () => {
    const { activate, events } = testBes();
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(eventsOf(events, 'dispatcher', 'received')[0]).toMatchObject({ port: 3101, sealed: true });
    expect(eventsOf(events, 'collaboration-service', 'received')[0]).toMatchObject({
      port: 3200,
      message: 'login-request',
    });
  });

  it('keeps the request encrypted across 3200 when the Collaboration Service is on a remote computer', async () => {
    const crossing: AirFrame[] = [];
    const port3200: SimpleFilter<AirFrame, AirFrame | null> = async (frame, next) => {
      crossing.push(frame);
      const reply = await next(frame);
      if (reply !== null) crossing.push(reply);
      return reply;
    };
    const composed = (remote: boolean) =>
      testBes({
        config: { collaborationService: remote ? 'remote' : 'local' },
        compose: ({ device, router, dispatcher, collaborationService, backend }) =>
          pipe(device, router, dispatcher, port3200, collaborationService, backend),
      });

    const remote = composed(true);
    const remoteReply = await remote.activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(crossing.map((f) => decodeFrameHeader(f.bytes))).toMatchObject([
      { kind: FrameKind.loginRequest, encrypted: true, compressed: true },
      { kind: FrameKind.loginReply, encrypted: true, compressed: true },
    ]);
    const frame = crossing[0]!;
    expect(contains(frame.bytes, passwordOf('alice'))).toBe(false);
    // The frame is opened at the service's end of 3200, the very bytes that left the device.
    expect(eventsOf(remote.events, 'dispatcher', 'opened')).toEqual([]);
    expect(eventsOf(remote.events, 'collaboration-service', 'opened')[0]).toMatchObject({
      port: 3200,
      bytes: frame.bytes.length,
      sealed: true,
      message: 'login-request',
    });
    expect(eventsOf(remote.events, 'collaboration-service', 'sealed')[0]).toMatchObject({
      port: 3200,
      sealed: true,
      message: 'login-reply',
    });

    const local = composed(false);
    const localReply = await local.activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(eventsOf(local.events, 'collaboration-service', 'opened')).toEqual([]);
    expect(eventsOf(local.events, 'dispatcher', 'opened')[0]).toMatchObject({
      port: 3101,
      sealed: true,
      message: 'login-request',
    });

    // Same seed, same outcome: only the trace shows where the frame was opened.
    expect(remoteReply).toEqual(localReply);
  });
});

describe('step 4: the Collaboration Service checks the Configuration Database for the maximum number of sessions', () => {
  it('admits logins while the maximum is not reached', async () => {
    const { activate, bes } = testBes({ config: { maxSessions: 2 } });
    expect((await activate(1, 'alice').login({ userId: 'alice', password: passwordOf('alice') })).status).toBe(
      'accepted',
    );
    expect((await activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') })).status).toBe('accepted');
    expect(await bes.sessions.count()).toBe(2);
  });

  it('maximum reached and a timeout limit set: logs out sessions on devices that are out of coverage', async () => {
    const { bes, loggedIn, activate } = testBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    const away = await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    await away.setCoverage(false);

    const reply = await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') });
    expect(reply.status).toBe('accepted');
    expect(await bes.sessions.getByPin(pinFor(1))).toBeUndefined();
    expect(bes.backend.server.sessionsOf('alice')).toEqual([]);
    expect(bes.backend.server.openSessionCount).toBe(2);

    await away.setCoverage(true);
    expect(await away.sendStatus('available')).toEqual({ status: 'session-closed', reason: 'idle-logout' });
  });

  it('maximum reached and a timeout limit set: logs out sessions no longer sending status messages', async () => {
    const { bes, clock, loggedIn, activate } = testBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    const silent = await loggedIn(1, 'alice');
    const chatty = await loggedIn(2, 'bob');
    await clock.advance(30_000);
    expect(await chatty.sendStatus('away')).toEqual({ status: 'ok' });
    await clock.advance(40_000); // alice silent for 70 s, bob for 40 s

    expect((await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).status).toBe('accepted');
    expect(await bes.sessions.getByPin(pinFor(1))).toBeUndefined();
    expect(await bes.sessions.getByPin(pinFor(2))).toBeDefined();
    expect(await silent.logout()).toEqual({ status: 'session-closed', reason: 'idle-logout' });
  });

  it('if no idle sessions exist, sends Server Busy and rejects the login request', async () => {
    const { bes, loggedIn, activate } = testBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const before = bes.backend.server.sessions();

    const reply = await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') });
    expect(reply).toEqual({ status: 'server-busy', reason: 'maximum-reached' });
    expect(bes.backend.server.sessions()).toEqual(before);
    expect(await bes.sessions.count()).toBe(2);
  });

  it('if the maximum is not set and the sessions equal what the Sametime API supports, sends Failed and rejects', async () => {
    const { bes, loggedIn, activate } = testBes({ config: { sametime: { sessionLimit: 2 } } });
    await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const reply = await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') });
    expect(reply).toEqual({ status: 'failed', reason: 'api-limit-reached' });
    expect(bes.backend.server.openConnectionCount).toBe(2);
  });

  it('checks that the user has permission to use the collaboration client before connecting to Sametime', async () => {
    const { bes, activate, events } = testBes();
    const reply = await activate(1, 'gus').login({ userId: 'gus', password: passwordOf('gus') });
    expect(reply).toEqual({ status: 'access-denied', reason: 'not-permitted' });
    expect(eventsOf(events, 'sametime-adapter')).toEqual([]);
    expect(bes.backend.server.openConnectionCount).toBe(0);
  });

  it('starts an encrypted proxy connection using the Sametime API and reformats the request into its protocol', async () => {
    const captured: Record<LinkDirection, Uint8Array[]> = { 'to-server': [], 'to-client': [] };
    const { activate } = testBes({
      backend: sametimeBackend({ capture: (direction, bytes) => captured[direction].push(bytes) }),
    });
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });

    const toServer = decodeStream(Buffer.concat(captured['to-server']));
    const toClient = decodeStream(Buffer.concat(captured['to-client']));
    expect(toServer.map((m) => m.type)).toEqual(['HANDSHAKE', 'LOGIN']);
    expect(toClient.map((m) => m.type)).toEqual(['HANDSHAKE_ACK', 'LOGIN_ACK']);
    const login = toServer[1]!;
    expect(login.type === 'LOGIN' && login.userId === 'alice' && login.authType === AuthType.rc2_128).toBe(true);
    for (const chunk of [...captured['to-server'], ...captured['to-client']]) {
      expect(text(chunk)).not.toContain(passwordOf('alice'));
    }
  });

  it('connects over port 1533 by default, and over a custom port when one is specified', async () => {
    const byDefault = testBes();
    await byDefault.activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(new Set(eventsOf(byDefault.events, 'sametime-adapter').map((e) => e.port))).toEqual(new Set([1533]));

    const custom = testBes({ config: { sametime: { port: 1600 } } });
    const reply = await custom.activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(reply.status).toBe('accepted');
    expect(new Set(eventsOf(custom.events, 'sametime-adapter').map((e) => e.port))).toEqual(new Set([1600]));
  });
});

describe('step 5: Sametime accepts the login, starts a dedicated connection for the session, and listens for its requests', () => {
  it('gives every session its own connection, and hears that session’s status messages on it', async () => {
    const { bes, loggedIn } = testBes();
    const first = await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const sessions = bes.backend.server.sessions();
    expect(sessions.map((s) => s.userId)).toEqual(['alice', 'bob']);
    expect(new Set(sessions.map((s) => s.connectionId)).size).toBe(2);

    await first.sendStatus('away');
    const alice = bes.backend.server.sessionsOf('alice')[0]!;
    expect(alice.lastStatus?.status).toBe(StatusCode.away | MOBILE_STATUS_FLAG);
    expect(bes.backend.server.sessionsOf('bob')[0]!.lastStatus).toBeUndefined();
  });
});

describe('step 6: the acceptance goes back encrypted and compressed through the Dispatcher, and the connectivity information is cached', () => {
  it('seals the acceptance at the Dispatcher and caches the session', async () => {
    const { bes, clock, activate, events } = testBes();
    await clock.advance(5_000);
    const reply = await activate(1).login({ userId: 'alice', password: passwordOf('alice') });

    const sealed = eventsOf(events, 'dispatcher', 'sealed')[0];
    expect(sealed).toMatchObject({
      direction: 'reply',
      port: 3101,
      sealed: true,
      compressed: true,
      message: 'login-reply',
    });
    expect(eventsOf(events, 'device', 'opened')[0]).toMatchObject({ outcome: 'accepted', sealed: true });

    const record = await bes.sessions.getByPin(pinFor(1));
    const atServer = bes.backend.server.sessionsOf('alice')[0]!;
    expect(record).toEqual({
      sessionId: reply.sessionId,
      userId: 'alice',
      pin: pinFor(1),
      client: 'sametime',
      connectionId: atServer.connectionId,
      owner: bes.instanceId,
      createdAt: 5_000,
      lastStatusAt: 5_000,
      inCoverage: true,
    });
  });
});
