import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ImBackend, SametimeFault, TraceEvent } from '../../src/index.js';
import { STORE_METHODS, type StoreMethod } from '../support/wrapped-store.js';
import { sametimeBackend } from '../../src/index.js';
import {
  brokenRules,
  FaultyPermissionStore,
  FaultySessionStore,
  flush,
  tappedBes,
  type StoreFailure,
} from './fixture.js';
import { pipelineFuzz, propertyTimeout } from './settings.js';
import { credentials } from '../support/users.js';

// Properties run longer than vitest's default 5 s when BES_FUZZ_RUNS asks for more cases.
vi.setConfig({ testTimeout: propertyTimeout });

function errorEvents(events: readonly TraceEvent[]): TraceEvent[] {
  return events.filter((e) => e.action === 'error');
}

const LOGIN_STATUSES = ['accepted', 'server-busy', 'failed', 'access-denied', 'authentication-failed', 'no-response'];
const STATUS_STATUSES = ['ok', 'session-closed', 'no-session', 'failed'];
const LOGOUT_STATUSES = ['logged-out', 'session-closed', 'no-session', 'failed'];

describe('the Sametime server misbehaving, through createBes', () => {
  const cases: [SametimeFault, string][] = [
    ['refuse', 'unreachable'],
    ['close-mid-login', 'closed'],
    ['garbage', 'protocol-error'],
  ];

  it.each(cases)(
    'fault %s: the device is told failed (%s), the slot is released, open sessions are untouched',
    async (fault, reason) => {
      const t = tappedBes({ config: { maxSessions: 2 } });
      const bob = t.activate(1);
      expect((await bob.login(credentials(1))).status).toBe('accepted');
      t.bes.backend.server.fault = fault;
      const alice = t.activate(0);
      const from = t.events.length;
      expect(await alice.login(credentials(0))).toEqual({ status: 'failed', reason });
      expect(t.since(from)).toContainEqual(
        expect.objectContaining({ hop: 'sametime-adapter', action: 'login-failed', outcome: `failed:${reason}` }),
      );
      await flush();
      expect(await brokenRules(t.bes)).toEqual([]);
      expect(await t.bes.sessions.count()).toBe(1);
      expect(t.clock.pending).toBe(0);
      // Bob's session still works, and the failed login's slot is free again.
      expect((await bob.sendStatus('busy')).status).toBe('ok');
      t.bes.backend.server.fault = 'none';
      expect((await alice.login(credentials(0))).status).toBe('accepted');
      expect(await brokenRules(t.bes)).toEqual([]);
    },
  );

  it('fault silent: the login holds its slot until the timeout, then the device is told failed (timeout)', async () => {
    const t = tappedBes({
      config: { maxSessions: 1, sametime: { loginTimeoutMs: 10_000 } },
      backend: sametimeBackend({ fault: 'silent' }),
    });
    const alice = t.activate(0);
    const bob = t.activate(1);
    const pending = alice.login(credentials(0));
    await flush();
    expect(t.bes.collaborationService.loginsUnderWay).toBe(1);
    // The one slot is held by the login under way: a second login is told Server Busy.
    expect(await bob.login(credentials(1))).toEqual({ status: 'server-busy', reason: 'maximum-reached' });
    await t.clock.advance(9_999);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(1);
    await t.clock.advance(1);
    expect(await pending).toEqual({ status: 'failed', reason: 'timeout' });
    await flush();
    expect(await brokenRules(t.bes)).toEqual([]);
    expect(t.clock.pending).toBe(0);
    t.bes.backend.server.fault = 'none';
    expect((await bob.login(credentials(1))).status).toBe('accepted');
  });

  it('a fault switched on mid-run fails new logins only; switched off, logins work again', async () => {
    const t = tappedBes({ config: { maxSessions: 3 } });
    const [alice, bob, carol] = [t.activate(0), t.activate(1), t.activate(2)];
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    for (const fault of ['refuse', 'close-mid-login', 'garbage'] as const) {
      t.bes.backend.server.fault = fault;
      expect((await bob.login(credentials(1))).status).toBe('failed');
      expect((await alice.sendStatus('away')).status).toBe('ok');
    }
    t.bes.backend.server.fault = 'none';
    expect((await bob.login(credentials(1))).status).toBe('accepted');
    expect((await carol.login(credentials(2))).status).toBe('accepted');
    expect(await brokenRules(t.bes)).toEqual([]);
  });

  it('a session the server closes is dropped from the cache, and the device is told why', async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    const [session] = t.bes.backend.server.sessions();
    t.bes.backend.server.closeSession(session!.connectionId);
    await flush();
    expect(await brokenRules(t.bes)).toEqual([]);
    expect(await t.bes.sessions.count()).toBe(0);
    expect(await alice.sendStatus('busy')).toEqual({ status: 'session-closed', reason: 'server-closed' });
  });

  it('an IM backend that throws: the device is told failed (backend-failed), the error names the adapter hop', async () => {
    const backend: ImBackend = {
      client: 'sametime',
      hop: 'sametime-adapter',
      sessionLimit: 10,
      serve: () => Promise.reject(new Error('socket exploded')),
    };
    const t = tappedBes({ backend: () => backend, config: { maxSessions: 1 } });
    const alice = t.activate(0);
    const from = t.events.length;
    expect(await alice.login(credentials(0))).toEqual({ status: 'failed', reason: 'backend-failed' });
    expect(errorEvents(t.since(from))).toEqual([
      expect.objectContaining({ hop: 'sametime-adapter', outcome: 'backend-failed' }),
    ]);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
    expect(await t.bes.sessions.count()).toBe(0);
  });
});

describe('the permission store failing', () => {
  it.each(['reject', 'throw'] as const)(
    'mayUse %s: failed (store-failed), slot released, nothing opened at Sametime',
    async (how) => {
      const permissions = new FaultyPermissionStore();
      const t = tappedBes({ permissions, config: { maxSessions: 1 } });
      const alice = t.activate(0);
      permissions.failNext({ how, when: 'before' });
      const from = t.events.length;
      expect(await alice.login(credentials(0))).toEqual({ status: 'failed', reason: 'store-failed' });
      expect(errorEvents(t.since(from))).toEqual([
        expect.objectContaining({ hop: 'collaboration-service', outcome: 'store-failed', pin: alice.pin }),
      ]);
      expect(t.bes.backend.server.openConnectionCount).toBe(0);
      expect(await brokenRules(t.bes)).toEqual([]);
      expect((await alice.login(credentials(0))).status).toBe('accepted');
    },
  );
});

type Operation =
  | 'login'
  | 'login-evicting'
  | 'login-replacing'
  | 'status'
  | 'logout'
  | 'coverage'
  | 'inactivity-sweep'
  | 'server-close';
const OPERATIONS: readonly Operation[] = [
  'login',
  'login-evicting',
  'login-replacing',
  'status',
  'logout',
  'coverage',
  'inactivity-sweep',
  'server-close',
];
const METHODS: readonly StoreMethod[] = STORE_METHODS;

/**
 * Alice and Bob logged in at 0; the maximum is 2 (3 for plain `login`), the idle timeout a minute,
 * the inactivity timeout five. Then one operation, with one store call failing.
 */
async function storeFailureRun(operation: Operation, method: StoreMethod, failure: StoreFailure, nth: number) {
  const sessions = new FaultySessionStore();
  const t = tappedBes({
    sessions: sessions.store,
    config: { maxSessions: operation === 'login' ? 3 : 2, idleTimeoutMs: 60_000, inactivityTimeoutMs: 300_000 },
  });
  const [alice, bob, carol] = [t.activate(0), t.activate(1), t.activate(2)];
  expect((await alice.login(credentials(0))).status).toBe('accepted');
  expect((await bob.login(credentials(1))).status).toBe('accepted');
  await t.clock.advance(operation === 'inactivity-sweep' ? 300_000 : 61_000);
  const callsBefore = sessions.calls.get(method) ?? 0;
  sessions.failOn(method, failure, nth);
  const from = t.events.length;
  let reply: { status: string } | undefined;
  let allowed: readonly string[] = [];
  switch (operation) {
    case 'login':
    case 'login-evicting':
      reply = await carol.login(credentials(2));
      allowed = LOGIN_STATUSES;
      break;
    case 'login-replacing':
      reply = await alice.login(credentials(0));
      allowed = LOGIN_STATUSES;
      break;
    case 'status':
    case 'inactivity-sweep':
      reply = await alice.sendStatus('busy');
      allowed = STATUS_STATUSES;
      break;
    case 'logout':
      reply = await alice.logout();
      allowed = LOGOUT_STATUSES;
      break;
    case 'coverage':
      await alice.setCoverage(false);
      await alice.setCoverage(true);
      break;
    case 'server-close': {
      const record = await sessions.inner.getByPin(alice.pin);
      t.bes.backend.server.closeSession(record!.connectionId);
      break;
    }
  }
  await flush();
  const failed = (sessions.calls.get(method) ?? 0) >= callsBefore + nth;
  sessions.disarm();
  const events = t.since(from);
  if (operation === 'server-close' && failed) {
    // Nobody is waiting on a close the server starts, so nobody can be told it failed: the record
    // stays cached until the device next talks (or it is logged out as idle), and then goes.
    expect((await alice.sendStatus('available')).status).toBe('session-closed');
  }
  return { t, sessions, reply, allowed, failed, events, devices: [alice, bob, carol] as const };
}

describe('the session store failing on any call of any operation', () => {
  it('the device gets a defined status, the error is typed and names the hop, no slot or half session is left', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...OPERATIONS),
        fc.constantFrom(...METHODS),
        fc.constantFrom<StoreFailure>(
          { how: 'reject', when: 'before' },
          { how: 'throw', when: 'before' },
          { how: 'reject', when: 'after' },
          { how: 'throw', when: 'after' },
        ),
        fc.integer({ min: 1, max: 3 }),
        async (operation, method, failure, nth) => {
          const run = await storeFailureRun(operation, method, failure, nth);
          if (run.reply !== undefined) expect(run.allowed).toContain(run.reply.status);
          if (run.failed) {
            expect(errorEvents(run.events)).toContainEqual(
              expect.objectContaining({ hop: 'collaboration-service', direction: 'reply', outcome: 'store-failed' }),
            );
          }
          expect(await brokenRules(run.t.bes)).toEqual([]);
          // With the store healthy again, every device can log out and back in: nothing leaked.
          for (const device of run.devices) await device.logout();
          expect(await brokenRules(run.t.bes)).toEqual([]);
          for (const [index, device] of run.devices.slice(0, 2).entries()) {
            expect((await device.login(credentials(index))).status).toBe('accepted');
          }
          expect(await brokenRules(run.t.bes)).toEqual([]);
        },
      ),
      { ...pipelineFuzz, numRuns: pipelineFuzz.numRuns * 4 },
    );
  });

  it('every (operation, store call) pair that the operation makes fails cleanly, before and after the call takes effect', async () => {
    for (const operation of OPERATIONS) {
      for (const method of METHODS) {
        for (const when of ['before', 'after'] as const) {
          const run = await storeFailureRun(operation, method, { how: 'reject', when }, 1);
          const where = `${operation} / ${method} / ${when}`;
          if (run.reply !== undefined) expect(run.allowed, where).toContain(run.reply.status);
          if (run.failed) {
            expect(errorEvents(run.events), where).toContainEqual(expect.objectContaining({ outcome: 'store-failed' }));
          }
          expect(await brokenRules(run.t.bes), where).toEqual([]);
        }
      }
    }
  });
});

describe('store failures and races found by these tests', () => {
  it('a failing inactivity sweep is reported and the login behind it is still answered', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store, config: { inactivityTimeoutMs: 60_000 } });
    const alice = t.activate(0);
    sessions.failOn('idleCandidates', { how: 'reject', when: 'before' });
    const from = t.events.length;
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(errorEvents(t.since(from))).toEqual([
      expect.objectContaining({ hop: 'collaboration-service', outcome: 'store-failed' }),
    ]);
  });

  it('closeInactive rejects with a typed error naming the hop when the store fails', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store, config: { inactivityTimeoutMs: 60_000 } });
    sessions.failOn('idleCandidates', { how: 'throw', when: 'before' });
    await expect(t.bes.collaborationService.closeInactive()).rejects.toMatchObject({
      name: 'PipelineError',
      code: 'store-failed',
      hop: 'collaboration-service',
    });
  });

  it('a coverage change the store fails to record is reported, not thrown at the device', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store });
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    sessions.failOn('setCoverage', { how: 'throw', when: 'before' });
    const from = t.events.length;
    await expect(alice.setCoverage(false)).resolves.toBeUndefined();
    expect(alice.inCoverage).toBe(false);
    expect(errorEvents(t.since(from))).toEqual([expect.objectContaining({ pin: alice.pin, outcome: 'store-failed' })]);
  });

  it('a status message racing the server closing its session is told session-closed, not a store failure', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store });
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    const record = await sessions.inner.getByPin(alice.pin);
    const touch = sessions.inner.touch.bind(sessions.inner);
    sessions.inner.touch = async (sessionId, at) => {
      t.bes.backend.server.closeSession(record!.connectionId);
      await flush();
      return touch(sessionId, at);
    };
    expect(await alice.sendStatus('busy')).toEqual({ status: 'session-closed', reason: 'server-closed' });
    expect(errorEvents(t.events)).toEqual([]);
    expect(await brokenRules(t.bes)).toEqual([]);
  });

  it('a status message racing an idle logout of its session is told session-closed (idle-logout)', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store, config: { maxSessions: 1, idleTimeoutMs: 60_000 } });
    const alice = t.activate(0);
    const bob = t.activate(1);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    await t.clock.advance(60_000);
    const touch = sessions.inner.touch.bind(sessions.inner);
    let bobsLogin: Promise<{ status: string }> | undefined;
    sessions.inner.touch = async (sessionId, at) => {
      // Bob's login is admitted by logging alice out as idle while her status message is in the store.
      bobsLogin = bob.login(credentials(1));
      await bobsLogin;
      return touch(sessionId, at);
    };
    expect(await alice.sendStatus('busy')).toEqual({ status: 'session-closed', reason: 'idle-logout' });
    expect((await bobsLogin!).status).toBe('accepted');
    expect(await brokenRules(t.bes)).toEqual([]);
  });

  it('a device that logs in again is not told, later, why its earlier session was closed', async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    t.bes.backend.server.closeSession(t.bes.backend.server.sessions()[0]!.connectionId);
    await flush();
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect((await alice.logout()).status).toBe('logged-out');
    expect(await alice.sendStatus('busy')).toEqual({ status: 'no-session' });
  });

  it('a commit that fails after taking effect leaves neither the record nor the Sametime session', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store });
    const alice = t.activate(0);
    sessions.failOn('commit', { how: 'reject', when: 'after' });
    expect(await alice.login(credentials(0))).toEqual({ status: 'failed', reason: 'store-failed' });
    await flush();
    expect(await t.bes.sessions.count()).toBe(0);
    expect(await brokenRules(t.bes)).toEqual([]);
  });

  it('a close the store begins but does not confirm still closes the Sametime session', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store });
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    sessions.failOn('beginClose', { how: 'reject', when: 'after' });
    const from = t.events.length;
    expect(await alice.logout()).toEqual({ status: 'logged-out' });
    expect(errorEvents(t.since(from))).toEqual([expect.objectContaining({ outcome: 'store-failed' })]);
    await flush();
    expect(t.bes.backend.server.openSessionCount).toBe(0);
    expect(await brokenRules(t.bes)).toEqual([]);
  });
});

describe('coverage changes racing a login', () => {
  it('a device that leaves coverage while its login is cached is cached out of coverage, so it can be logged out as idle', async () => {
    const sessions = new FaultySessionStore();
    const t = tappedBes({ sessions: sessions.store, config: { maxSessions: 1, idleTimeoutMs: 60_000 } });
    const alice = t.activate(0);
    const bob = t.activate(1);
    const commit = sessions.inner.commit.bind(sessions.inner);
    sessions.inner.commit = async (reservationId, record) => {
      // The Router reports alice out of coverage before her record reaches the cache.
      if (record.pin === alice.pin) await alice.setCoverage(false);
      return commit(reservationId, record);
    };
    // The reply is lost with the coverage; the BES has the session.
    expect((await alice.login(credentials(0))).status).toBe('no-response');
    expect((await sessions.inner.getByPin(alice.pin))?.inCoverage).toBe(false);
    expect(await brokenRules(t.bes)).toEqual([]);
    // The maximum is reached, and alice's session counts as idle at once: out of coverage.
    expect((await bob.login(credentials(1))).status).toBe('accepted');
    expect(await sessions.inner.getByPin(alice.pin)).toBeUndefined();
  });
});
