import { describe, expect, it } from 'vitest';
import { ReasonCode } from '../../src/sametime/index.js';
import { flush, harness, login, PASSWORD, USERS } from './harness.js';

describe('SametimeAdapter login against the simulated server', () => {
  it('logs in on a dedicated connection the server keeps as the session', async () => {
    const { adapter, server, clock } = harness();
    expect(adapter.client).toBe('sametime');
    expect(adapter.port).toBe(1533);
    const result = await login(adapter, 'alice', PASSWORD);
    if (!result.ok) throw new Error(`login failed: ${result.failure.reason}`);
    const session = result.session;
    expect(session.open).toBe(true);
    expect(server.openSessionCount).toBe(1);
    expect(server.openConnectionCount).toBe(1);
    const info = server.session(session.connectionId);
    expect(info).toMatchObject({ connectionId: session.connectionId, userId: 'alice', openedAt: 0 });
    expect(server.sessionsOf('alice').map((s) => s.connectionId)).toEqual([session.connectionId]);
    expect(server.sessionsOf('bob')).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('gives each login its own connection', async () => {
    const { adapter, server } = harness();
    const a = await login(adapter, 'alice', PASSWORD);
    const b = await login(adapter, 'alice', PASSWORD);
    const c = await login(adapter, 'bob', USERS.bob);
    if (!a.ok || !b.ok || !c.ok) throw new Error('a login failed');
    expect(new Set([a.session.connectionId, b.session.connectionId, c.session.connectionId]).size).toBe(3);
    expect(server.sessionsOf('alice')).toHaveLength(2);
    expect(server.openConnectionCount).toBe(3);
  });

  it('maps a wrong password to authentication-failed with 0x80000211', async () => {
    const { adapter, server, clock } = harness();
    const result = await login(adapter, 'alice', 'not-the-password');
    expect(result).toEqual({
      ok: false,
      failure: { status: 'authentication-failed', reasonCode: 0x8000_0211, reason: 'incorrect-login' },
    });
    await flush();
    expect(server.openConnectionCount).toBe(0);
    expect(server.openSessionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('maps an unknown user to authentication-failed with 0x80000213', async () => {
    const { adapter, server, clock } = harness();
    const result = await login(adapter, 'mallory', PASSWORD);
    expect(result).toEqual({
      ok: false,
      failure: { status: 'authentication-failed', reasonCode: 0x8000_0213, reason: 'user-unregistered' },
    });
    await flush();
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('follows users added and removed at the server', async () => {
    const { adapter, server } = harness();
    server.addUser('dave', 'dave-pw');
    expect((await login(adapter, 'dave', 'dave-pw')).ok).toBe(true);
    expect(server.removeUser('dave')).toBe(true);
    expect(server.hasUser('dave')).toBe(false);
    const again = await login(adapter, 'dave', 'dave-pw');
    expect(again.ok ? undefined : again.failure.reason).toBe('user-unregistered');
    expect(server.openSessionCount).toBe(1); // the session opened before stays open
  });

  it('maps a full server to failed with 0x8000020b and leaves the open sessions alone', async () => {
    const { adapter, server, clock } = harness({ capacity: 1 });
    const first = await login(adapter, 'alice', PASSWORD);
    expect(first.ok).toBe(true);
    const second = await login(adapter, 'bob', USERS.bob);
    expect(second).toEqual({
      ok: false,
      failure: { status: 'failed', reasonCode: 0x8000_020b, reason: 'server-full' },
    });
    await flush();
    expect(server.openSessionCount).toBe(1);
    expect(server.openConnectionCount).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('never lets concurrent logins exceed the capacity', async () => {
    const { adapter, server } = harness({ capacity: 3 });
    const results = await Promise.all(
      ['alice', 'bob', 'carol', 'alice', 'bob'].map((u) => login(adapter, u, USERS[u as keyof typeof USERS])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok && r.failure.reason === 'server-full')).toHaveLength(2);
    await flush();
    expect(server.openSessionCount).toBe(3);
    expect(server.openConnectionCount).toBe(3);
  });

  it('maps the other reject reasons: authentication ones to authentication-failed, the rest to failed', async () => {
    const { failureFromReason } = await import('../../src/sametime/index.js');
    expect(failureFromReason(ReasonCode.notAuthorized).status).toBe('authentication-failed');
    expect(failureFromReason(ReasonCode.userRestricted).status).toBe('authentication-failed');
    expect(failureFromReason(ReasonCode.starving)).toEqual({
      status: 'failed',
      reasonCode: 0x8000_000a,
      reason: 'starving',
    });
    expect(failureFromReason(0x8000_7777)).toEqual({
      status: 'failed',
      reasonCode: 0x8000_7777,
      reason: 'unknown-reason',
    });
  });
});

describe('SametimeAdapter against a misbehaving server', () => {
  const cases = [
    { fault: 'refuse', reason: 'unreachable' },
    { fault: 'close-mid-login', reason: 'closed' },
    { fault: 'garbage', reason: 'protocol-error' },
  ] as const;

  for (const { fault, reason } of cases) {
    it(`fault ${fault}: failed (${reason}), nothing left open, no sleeper left`, async () => {
      const { adapter, server, clock } = harness({ fault });
      const result = await login(adapter, 'alice', PASSWORD);
      expect(result).toEqual({ ok: false, failure: { status: 'failed', reason } });
      await flush();
      expect(server.openConnectionCount).toBe(0);
      expect(server.openSessionCount).toBe(0);
      expect(clock.pending).toBe(0);
    });
  }

  it('fault silent: failed (timeout) once loginTimeoutMs passes on the clock, nothing left open', async () => {
    const { adapter, server, clock } = harness({ fault: 'silent', loginTimeoutMs: 5_000 });
    let settled = false;
    const pending = login(adapter, 'alice', PASSWORD).then((r) => {
      settled = true;
      return r;
    });
    await clock.advance(4_999);
    expect(settled).toBe(false);
    expect(server.openConnectionCount).toBe(1);
    await clock.advance(1);
    expect(await pending).toEqual({ ok: false, failure: { status: 'failed', reason: 'timeout' } });
    await flush();
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a port nothing listens on is unreachable', async () => {
    const { adapter, server } = harness({ adapter: { port: 1534 } });
    const result = await login(adapter, 'alice', PASSWORD);
    expect(result.ok ? undefined : result.failure.reason).toBe('unreachable');
    expect(server.openConnectionCount).toBe(0);
  });

  it('an abort mid-login fails it as aborted and closes the connection', async () => {
    const { adapter, server, clock } = harness({ fault: 'silent' });
    const controller = new AbortController();
    const pending = login(adapter, 'alice', PASSWORD, controller.signal);
    await flush();
    expect(server.openConnectionCount).toBe(1);
    controller.abort();
    expect(await pending).toEqual({ ok: false, failure: { status: 'failed', reason: 'aborted' } });
    await flush();
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('an already aborted signal fails at once without connecting', async () => {
    const { adapter, server, clock } = harness();
    const controller = new AbortController();
    controller.abort();
    expect(await login(adapter, 'alice', PASSWORD, controller.signal)).toEqual({
      ok: false,
      failure: { status: 'failed', reason: 'aborted' },
    });
    await flush();
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('a fault set later applies to new connections only', async () => {
    const { adapter, server } = harness();
    const first = await login(adapter, 'alice', PASSWORD);
    server.fault = 'refuse';
    const second = await login(adapter, 'alice', PASSWORD);
    expect(first.ok).toBe(true);
    expect(second.ok ? undefined : second.failure.reason).toBe('unreachable');
    expect(server.openSessionCount).toBe(1);
  });
});

describe('SametimeAdapter with link latency', () => {
  it('logs in after the round trips pass on the clock, leaving no sleeper', async () => {
    const { adapter, server, clock } = harness({ latencyMs: 20 });
    let settled = false;
    const pending = login(adapter, 'alice', PASSWORD).then((r) => {
      settled = true;
      return r;
    });
    await clock.advance(99);
    expect(settled).toBe(false);
    // connect (20) + HANDSHAKE (20) + ACK (20) + LOGIN (20) + LOGIN_ACK (20)
    await clock.advance(1);
    const result = await pending;
    expect(result.ok).toBe(true);
    expect(clock.now()).toBe(100);
    expect(server.session(result.ok ? result.session.connectionId : '')?.openedAt).toBe(80);
    expect(clock.pending).toBe(0);
  });

  it('times out when the latency is longer than the timeout', async () => {
    const { adapter, server, clock } = harness({ latencyMs: 2_000, loginTimeoutMs: 5_000 });
    const pending = login(adapter, 'alice', PASSWORD);
    await clock.runUntilIdle();
    expect(await pending).toEqual({ ok: false, failure: { status: 'failed', reason: 'timeout' } });
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });
});

describe('SametimeAdapter login timeouts', () => {
  it('times out each login at its own deadline with one sleeper for all of them', async () => {
    const { adapter, server, clock } = harness({ fault: 'silent', loginTimeoutMs: 5_000 });
    const settledAt: Record<string, number> = {};
    const track = (name: string, p: Promise<unknown>) => p.then(() => (settledAt[name] = clock.now()));
    const a = track('a', login(adapter, 'alice', PASSWORD));
    await clock.advance(1_000);
    const b = track('b', login(adapter, 'bob', USERS.bob));
    const c = track('c', login(adapter, 'carol', USERS.carol));
    await flush();
    expect(clock.pending).toBe(1);
    server.fault = 'none';
    const quick = await login(adapter, 'alice', PASSWORD); // settles at once; the others stay watched
    expect(quick.ok).toBe(true);
    expect(clock.pending).toBe(1);
    await clock.advance(4_000);
    expect(settledAt).toEqual({ a: 5_000 });
    await clock.advance(1_000);
    await Promise.all([a, b, c]);
    expect(settledAt).toEqual({ a: 5_000, b: 6_000, c: 6_000 });
    await flush();
    expect(clock.pending).toBe(0);
    expect(server.openConnectionCount).toBe(1); // the quick login's session
  });

  it('lets the timeout be turned off: no sleeper at all', async () => {
    const { adapter, server, clock } = harness({ fault: 'silent', loginTimeoutMs: Number.POSITIVE_INFINITY });
    const controller = new AbortController();
    const pending = login(adapter, 'alice', PASSWORD, controller.signal);
    await flush();
    expect(clock.pending).toBe(0);
    controller.abort();
    expect((await pending).ok).toBe(false);
    await flush();
    expect(server.openConnectionCount).toBe(0);
  });

  it('cancels a connect still in flight when the login times out', async () => {
    const { adapter, server, clock } = harness({ latencyMs: 10_000, loginTimeoutMs: 5_000 });
    const pending = login(adapter, 'alice', PASSWORD);
    await clock.advance(5_000);
    expect(await pending).toEqual({ ok: false, failure: { status: 'failed', reason: 'timeout' } });
    expect(clock.pending).toBe(0);
    expect(server.openConnectionCount).toBe(0);
  });
});
