/**
 * One test per sentence of the manual's next flow, "Starting an instant messaging session using
 * the BlackBerry Client for Novell GroupWise Messenger": steps 1-3 as Sametime's; step 4 with the
 * GroupWise protocol's limit (Failed (300)) and the encrypted proxy (SSL) connection on 8300.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrameHeader } from '../../src/crypto/frame-header.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { groupwiseBackend } from '../../src/groupwise/groupwise-backend.js';
import { STAND_IN_HELLO_BYTES } from '../../src/groupwise/link/ssl-stand-in.js';
import { GroupWiseStatus } from '../../src/groupwise/wire/user-status.js';
import type { AirFrame } from '../../src/pipeline/air-frame.js';
import { pipe, type SimpleFilter } from '../../src/pipeline/stage.js';
import type { LinkDirection } from '../../src/sametime/link/sametime-link.js';
import { eventsOf, groupwiseBes, passwordOf, pinFor } from './groupwise-fixture.js';

const contains = (haystack: Uint8Array, needle: string): boolean =>
  Buffer.from(haystack).includes(Buffer.from(needle, 'utf8'));

describe('step 1: a user logs in to the BlackBerry Client for Novell GroupWise Messenger on a device', () => {
  it('answers the device with an accepted login and a session id, for the groupwise client', async () => {
    const { bes, activate } = groupwiseBes();
    const reply = await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(reply).toEqual({ status: 'accepted', sessionId: expect.any(String) });
    expect(bes.backend.client).toBe('groupwise');
    expect((await bes.sessions.getByPin(pinFor(1)))?.client).toBe('groupwise');
  });
});

describe('step 2: the device compresses and encrypts the user ID and password and sends them through the Router to the Dispatcher over port 3101', () => {
  it('puts only a sealed, compressed frame on the air', async () => {
    const onAir: AirFrame[] = [];
    const radio: SimpleFilter<AirFrame, AirFrame | null> = async (frame, next) => {
      onAir.push(frame);
      return next(frame);
    };
    const { activate, events } = groupwiseBes({
      compose: ({ device, router, dispatcher, collaborationService, backend }) =>
        pipe(device, radio, router, dispatcher, collaborationService, backend),
    });
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(onAir).toHaveLength(1);
    expect(decodeFrameHeader(onAir[0]!.bytes)).toMatchObject({
      kind: FrameKind.loginRequest,
      compressed: true,
      encrypted: true,
    });
    expect(contains(onAir[0]!.bytes, passwordOf('alice'))).toBe(false);
    expect(eventsOf(events, 'router', 'relayed').find((e) => e.direction === 'request')).toMatchObject({
      port: 3101,
      sealed: true,
    });
  });
});

describe('step 3: the Dispatcher sends the request to the Collaboration Service over port 3200', () => {
  it('forwards the request on port 3200 to the Collaboration Service', async () => {
    const { activate, events } = groupwiseBes();
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(eventsOf(events, 'dispatcher', 'received')[0]).toMatchObject({ port: 3101, sealed: true });
    expect(eventsOf(events, 'collaboration-service', 'received')[0]).toMatchObject({
      port: 3200,
      message: 'login-request',
    });
  });
});

describe('step 4: the Collaboration Service checks the Configuration Database for the maximum number of sessions', () => {
  it('admits logins while the maximum is not reached', async () => {
    const { activate, bes } = groupwiseBes({ config: { maxSessions: 2 } });
    expect((await activate(1, 'alice').login({ userId: 'alice', password: passwordOf('alice') })).status).toBe(
      'accepted',
    );
    expect((await activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') })).status).toBe('accepted');
    expect(await bes.sessions.count()).toBe(2);
    expect(bes.backend.server.openSessionCount).toBe(2);
  });

  it('maximum reached and a timeout limit set: logs out sessions on devices that are out of coverage', async () => {
    const { bes, loggedIn, activate } = groupwiseBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    const away = await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    await away.setCoverage(false);
    expect((await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).status).toBe('accepted');
    expect(bes.backend.server.sessionsOf('alice')).toEqual([]);
    expect(bes.backend.server.openSessionCount).toBe(2);
    await away.setCoverage(true);
    expect(await away.sendStatus('available')).toEqual({ status: 'session-closed', reason: 'idle-logout' });
  });

  it('maximum reached and a timeout limit set: logs out sessions no longer sending status messages', async () => {
    const { bes, clock, loggedIn, activate } = groupwiseBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    const silent = await loggedIn(1, 'alice');
    const chatty = await loggedIn(2, 'bob');
    await clock.advance(30_000);
    expect(await chatty.sendStatus('away')).toEqual({ status: 'ok' });
    await clock.advance(40_000);
    expect((await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).status).toBe('accepted');
    expect(await bes.sessions.getByPin(pinFor(1))).toBeUndefined();
    expect(bes.backend.server.sessionsOf('bob')).toHaveLength(1);
    expect(await silent.logout()).toEqual({ status: 'session-closed', reason: 'idle-logout' });
  });

  it('if no idle sessions exist, sends Server Busy and rejects the login request', async () => {
    const { bes, loggedIn, activate } = groupwiseBes({ config: { maxSessions: 2, idleTimeoutMs: 60_000 } });
    await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const before = bes.backend.server.sessions();
    expect(await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).toEqual({
      status: 'server-busy',
      reason: 'maximum-reached',
    });
    expect(bes.backend.server.sessions()).toEqual(before);
  });

  it('if the maximum is not set and the sessions equal what the GroupWise protocol supports, sends Failed (300) and rejects', async () => {
    const { bes, loggedIn, activate, events } = groupwiseBes({ config: { groupwise: { sessionLimit: 2 } } });
    expect(bes.backend.sessionLimit).toBe(2);
    expect(bes.backend.server.maxUsers).toBe(2);
    await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const connects = eventsOf(events, 'groupwise-adapter', 'connected').length;
    expect(await activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).toEqual({
      status: 'failed',
      reason: 'api-limit-reached',
    });
    expect(eventsOf(events, 'groupwise-adapter', 'connected')).toHaveLength(connects);
    expect(bes.backend.server.openConnectionCount).toBe(2);
  });

  it('the limit defaults to the Messaging Agent’s "Maximum number of users", 5120, and a larger maximum is refused', () => {
    const { bes } = groupwiseBes();
    expect(bes.backend.sessionLimit).toBe(5120);
    expect(bes.backend.server.maxUsers).toBe(5120);
    expect(() => groupwiseBes({ config: { maxSessions: 6000 } })).toThrow(
      /maxSessions: 6000 is more than the 5120 sessions the groupwise API supports/,
    );
  });

  it('closes sessions past the inactivity timeout, maximum reached or not, at GroupWise too', async () => {
    const { bes, clock, loggedIn } = groupwiseBes({ config: { inactivityTimeoutMs: 60_000 } });
    const device = await loggedIn(1, 'alice');
    await clock.advance(61_000);
    await bes.collaborationService.closeInactive();
    expect(bes.backend.server.openSessionCount).toBe(0);
    expect(await device.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'inactivity-logout' });
  });

  it('checks that the user has permission to use the collaboration client before connecting to GroupWise', async () => {
    const { bes, activate, events } = groupwiseBes();
    expect(await activate(1, 'gus').login({ userId: 'gus', password: passwordOf('gus') })).toEqual({
      status: 'access-denied',
      reason: 'not-permitted',
    });
    expect(eventsOf(events, 'groupwise-adapter')).toEqual([]);
    expect(bes.backend.server.openConnectionCount).toBe(0);
  });

  it('opens an encrypted proxy (SSL) connection and reformats the request into the GroupWise protocol', async () => {
    const captured: Record<LinkDirection, Uint8Array[]> = { 'to-server': [], 'to-client': [] };
    const { activate, events } = groupwiseBes({
      backend: groupwiseBackend({ capture: (direction, bytes) => captured[direction].push(bytes) }),
    });
    await activate(1).login({ userId: 'alice', password: passwordOf('alice') });

    // The trace names the stand-in for what it is.
    expect(eventsOf(events, 'groupwise-adapter', 'connected')[0]).toMatchObject({
      message: 'ssl stand-in',
      port: 8300,
    });
    // The server heard the client protocol's commands inside it: login, then setstatus available.
    expect(eventsOf(events, 'groupwise-server', 'received').map((e) => e.message)).toEqual(['login', 'setstatus']);
    // On the wire: a hello each way, then sealed records; neither the user id, the password nor the protocol shows.
    const toServer = Buffer.concat(captured['to-server']);
    expect(toServer.subarray(0, 4).toString('latin1')).toBe('SSL~');
    expect(captured['to-server'][0]).toHaveLength(STAND_IN_HELLO_BYTES);
    for (const chunk of [...captured['to-server'], ...captured['to-client']]) {
      for (const secret of [passwordOf('alice'), 'alice', 'POST', 'HTTP', 'NM_A_SZ'])
        expect(contains(chunk, secret)).toBe(false);
    }
  });

  it('connects over port 8300 by default, and over a custom port when one is specified', async () => {
    const byDefault = groupwiseBes();
    await byDefault.activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(new Set(eventsOf(byDefault.events, 'groupwise-adapter').map((e) => e.port))).toEqual(new Set([8300]));

    const custom = groupwiseBes({ config: { groupwise: { port: 8400 } } });
    expect((await custom.activate(1).login({ userId: 'alice', password: passwordOf('alice') })).status).toBe(
      'accepted',
    );
    expect(new Set(eventsOf(custom.events, 'groupwise-adapter').map((e) => e.port))).toEqual(new Set([8400]));
    expect(new Set(eventsOf(custom.events, 'groupwise-server').map((e) => e.port))).toEqual(new Set([8400]));
  });
});

describe('step 5: GroupWise Messenger accepts the login, opens a dedicated SSL connection for the session, and listens for its requests', () => {
  it('gives every session its own connection, and hears that session’s status messages on it', async () => {
    const { bes, loggedIn } = groupwiseBes();
    const first = await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const sessions = bes.backend.server.sessions();
    expect(sessions.map((s) => s.userId)).toEqual(['alice', 'bob']);
    expect(new Set(sessions.map((s) => s.connectionId)).size).toBe(2);
    expect(sessions.map((s) => s.status?.status)).toEqual([GroupWiseStatus.available, GroupWiseStatus.available]);

    expect(await first.sendStatus('busy')).toEqual({ status: 'ok' });
    expect(bes.backend.server.sessionsOf('alice')[0]!.status?.status).toBe(GroupWiseStatus.busy);
    expect(bes.backend.server.sessionsOf('bob')[0]!.status?.status).toBe(GroupWiseStatus.available);
  });
});

describe('step 6: the acceptance goes back encrypted and compressed through the Dispatcher, and the connectivity information is cached', () => {
  it('seals the acceptance at the Dispatcher and caches the session with the dedicated connection', async () => {
    const { bes, clock, activate, events } = groupwiseBes();
    await clock.advance(5_000);
    const reply = await activate(1).login({ userId: 'alice', password: passwordOf('alice') });
    expect(eventsOf(events, 'dispatcher', 'sealed')[0]).toMatchObject({
      direction: 'reply',
      port: 3101,
      sealed: true,
      compressed: true,
      message: 'login-reply',
    });
    const atServer = bes.backend.server.sessionsOf('alice')[0]!;
    expect(await bes.sessions.getByPin(pinFor(1))).toEqual({
      sessionId: reply.sessionId,
      userId: 'alice',
      pin: pinFor(1),
      client: 'groupwise',
      connectionId: atServer.connectionId,
      owner: bes.instanceId,
      createdAt: 5_000,
      lastStatusAt: 5_000,
      inCoverage: true,
    });
  });
});
