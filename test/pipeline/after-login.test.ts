import { describe, expect, it } from 'vitest';
import { ReasonCode } from '../../src/sametime/wire/reason-code.js';
import { eventsOf, passwordOf, pinFor, testBes } from './bes-fixture.js';

describe('after login', () => {
  it('a status message refreshes the session in the cache and reaches Sametime', async () => {
    const { bes, clock, loggedIn } = testBes();
    const device = await loggedIn(1);
    await clock.advance(10_000);
    expect(await device.sendStatus('busy')).toEqual({ status: 'ok' });
    expect((await bes.sessions.getByPin(pinFor(1)))?.lastStatusAt).toBe(10_000);
    expect(bes.backend.server.sessionsOf('alice')[0]?.lastStatus?.at).toBe(10_000);
  });

  it('coverage changes reported by the Router reach the cache', async () => {
    const { bes, loggedIn, events } = testBes();
    const device = await loggedIn(1);
    await device.setCoverage(false);
    expect((await bes.sessions.getByPin(pinFor(1)))?.inCoverage).toBe(false);
    expect(eventsOf(events, 'router', 'coverage-lost')).toHaveLength(1);
    await device.setCoverage(true);
    expect((await bes.sessions.getByPin(pinFor(1)))?.inCoverage).toBe(true);
  });

  it('logout closes the session at Sametime and removes it from the cache', async () => {
    const { bes, loggedIn } = testBes();
    const device = await loggedIn(1);
    expect(await device.logout()).toEqual({ status: 'logged-out' });
    expect(await bes.sessions.count()).toBe(0);
    expect(bes.backend.server.openConnectionCount).toBe(0);
    expect(await device.logout()).toEqual({ status: 'no-session' });
  });

  it('an inactivity timeout closes a silent session on both sides, maximum reached or not; the device learns why', async () => {
    const { bes, clock, loggedIn } = testBes({ config: { inactivityTimeoutMs: 60_000 } });
    const silent = await loggedIn(1, 'alice');
    const chatty = await loggedIn(2, 'bob');
    await clock.advance(45_000);
    await chatty.sendStatus('available');
    await clock.advance(20_000);
    expect(await bes.collaborationService.closeInactive()).toBe(1);
    expect(await bes.sessions.getByPin(pinFor(1))).toBeUndefined();
    expect(bes.backend.server.sessionsOf('alice')).toEqual([]);
    expect(bes.backend.server.sessionsOf('bob')).toHaveLength(1);
    expect(await silent.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'inactivity-logout' });
    expect(await silent.sendStatus('away')).toEqual({ status: 'no-session' });
  });

  it('applies the inactivity timeout by itself when the next message arrives', async () => {
    const { bes, clock, loggedIn } = testBes({ config: { inactivityTimeoutMs: 60_000 } });
    await loggedIn(1, 'alice');
    await clock.advance(61_000);
    await loggedIn(2, 'bob');
    expect(bes.backend.server.sessionsOf('alice')).toEqual([]);
  });

  it('a session Sametime closes is dropped from the cache, and the device is told', async () => {
    const { bes, clock, loggedIn } = testBes();
    const device = await loggedIn(1);
    const connectionId = bes.backend.server.sessionsOf('alice')[0]!.connectionId;
    expect(bes.backend.server.closeSession(connectionId, ReasonCode.generalFailure)).toBe(true);
    await clock.advance(0); // lets the close travel the link and reach the Collaboration Service
    expect(await device.sendStatus('available')).toEqual({ status: 'session-closed', reason: 'server-closed' });
    expect(await bes.sessions.count()).toBe(0);
  });

  it('a second login from the same device replaces its session', async () => {
    const { bes, loggedIn } = testBes();
    const device = await loggedIn(1);
    const first = bes.backend.server.sessionsOf('alice')[0]!.connectionId;
    expect((await device.login({ userId: 'alice', password: passwordOf('alice') })).status).toBe('accepted');
    const sessions = bes.backend.server.sessionsOf('alice');
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.connectionId).not.toBe(first);
    expect(await bes.sessions.count()).toBe(1);
  });
});
