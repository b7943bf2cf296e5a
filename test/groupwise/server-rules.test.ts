/**
 * What the GroupWise session does after step 5, and how the server's rules reach the device:
 * keepalives, logout by closing, server-side closes, the result codes, the lockout, the server's
 * own maximum.
 */
import { describe, expect, it } from 'vitest';
import { groupwiseBackend } from '../../src/groupwise/groupwise-backend.js';
import { eventsOf, groupwiseBes, passwordOf, pinFor } from './groupwise-fixture.js';

describe('a GroupWise session at the server', () => {
  it('keeps the connection alive with a ping at the interval the login reply gives', async () => {
    const { bes, clock, loggedIn } = groupwiseBes({ backend: groupwiseBackend({ keepaliveMinutes: 2 }) });
    await loggedIn(1, 'alice');
    const connectionId = bes.backend.server.sessions()[0]!.connectionId;
    expect(bes.backend.adapter.session(connectionId)?.keepaliveMs).toBe(120_000);
    await clock.advance(119_000);
    expect(bes.backend.server.session(connectionId)?.pings).toBe(0);
    await clock.advance(1_000);
    expect(bes.backend.server.session(connectionId)?.pings).toBe(1);
    await clock.advance(240_000);
    expect(bes.backend.server.session(connectionId)?.pings).toBe(3);
  });

  it('logs out by closing the dedicated connection, and stops pinging', async () => {
    const { bes, clock, loggedIn } = groupwiseBes();
    const device = await loggedIn(1, 'alice');
    expect(await device.logout()).toEqual({ status: 'logged-out' });
    expect(bes.backend.server.openConnectionCount).toBe(0);
    expect(bes.backend.adapter.openSessions).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a session the server closes is reported through the event port, and the device learns it next time it talks', async () => {
    const { bes, clock, loggedIn, events } = groupwiseBes();
    const device = await loggedIn(1, 'alice');
    bes.backend.server.closeSession(bes.backend.server.sessions()[0]!.connectionId);
    await clock.advance(0);
    expect(await bes.sessions.count()).toBe(0);
    expect(eventsOf(events, 'groupwise-adapter', 'server-closed')[0]).toMatchObject({ outcome: 'server-disconnect' });
    expect(await device.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'server-closed' });
  });

  it('a second login of the same user elsewhere ends the first session (event 114)', async () => {
    const { bes, clock, loggedIn, events } = groupwiseBes();
    const first = await loggedIn(1, 'alice');
    await loggedIn(2, 'alice');
    await clock.advance(0);
    expect(bes.backend.server.sessionsOf('alice')).toHaveLength(1);
    expect(eventsOf(events, 'groupwise-adapter', 'server-closed')[0]).toMatchObject({
      pin: pinFor(1),
      outcome: 'user-disconnect',
    });
    expect(await first.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'server-closed' });
  });

  it('rejects a wrong password, an unknown user and a disabled one as Authentication Failed, with the result code', async () => {
    const { bes } = groupwiseBes({
      users: [
        { userId: 'alice', password: 'right' },
        { userId: 'bob', password: 'right' },
      ],
    });
    const device = (n: number, userId: string) => {
      const result = bes.activateDevice({ pin: pinFor(n), userId, activationPassword: 'right' });
      if (!result.ok) throw new Error(result.code);
      return result.device;
    };
    expect(await device(1, 'alice').login({ userId: 'alice', password: 'wrong' })).toEqual({
      status: 'authentication-failed',
      reason: 'password-invalid',
      reasonCode: 0xd10c,
    });
    bes.backend.server.removeUser('bob');
    expect(await device(2, 'bob').login({ userId: 'bob', password: 'right' })).toEqual({
      status: 'authentication-failed',
      reason: 'user-not-found',
      reasonCode: 0xd10d,
    });
    bes.backend.server.addUser('bob', 'right');
    bes.backend.server.disableUser('bob');
    expect(await device(2, 'bob').login({ userId: 'bob', password: 'right' })).toEqual({
      status: 'authentication-failed',
      reason: 'user-disabled',
      reasonCode: 0xd110,
    });
    expect(bes.backend.server.openConnectionCount).toBe(0);
  });

  it('locks a user out after wrong passwords in a row (ACCESS_DENIED), until the lockout passes', async () => {
    const { bes, clock, activate } = groupwiseBes({
      backend: groupwiseBackend({ maxWrongPasswords: 3, lockoutMs: 600_000 }),
    });
    const device = activate(1, 'alice');
    for (let i = 0; i < 3; i++)
      expect((await device.login({ userId: 'alice', password: 'wrong' })).reason).toBe('password-invalid');
    expect(bes.backend.server.isLockedOut('alice')).toBe(true);
    expect(await device.login({ userId: 'alice', password: passwordOf('alice') })).toEqual({
      status: 'authentication-failed',
      reason: 'access-denied',
      reasonCode: 0xd106,
    });
    await clock.advance(600_000);
    expect((await device.login({ userId: 'alice', password: passwordOf('alice') })).status).toBe('accepted');
  });

  it('a server at its "Maximum number of users" answers SERVER_BUSY, which the device sees as Failed', async () => {
    const { bes, loggedIn, activate } = groupwiseBes({ backend: groupwiseBackend({ maxUsers: 1 }) });
    await loggedIn(1, 'alice');
    expect(await activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') })).toEqual({
      status: 'failed',
      reason: 'server-busy',
      reasonCode: 0xd123,
    });
    expect(bes.backend.server.openSessionCount).toBe(1);
  });
});

describe('presence at the server', () => {
  it('tells a watcher’s session of a contact’s status change (event 103), and the session stays open', async () => {
    const { bes, clock, loggedIn, events } = groupwiseBes();
    bes.backend.server.watch('bob', 'alice');
    const alice = await loggedIn(1, 'alice');
    await loggedIn(2, 'bob');
    const bobs = bes.backend.adapter.session(bes.backend.server.sessionsOf('bob')[0]!.connectionId)!;
    const heard: number[] = [];
    bobs.onPresence((change) => heard.push(change.status));
    expect(await alice.sendStatus('busy')).toEqual({ status: 'ok' });
    await clock.advance(0);
    expect(heard).toEqual([3]);
    expect(eventsOf(events, 'groupwise-adapter', 'presence').at(-1)).toMatchObject({ pin: pinFor(2), outcome: 'busy' });
    expect(bobs.open).toBe(true);
  });
});
