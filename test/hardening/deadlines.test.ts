/**
 * Issue: a backend or a store that never answers held a slot, or froze every later login, for
 * ever; a close removed the record before the IM session was closed, so a new login reached
 * Sametime first. Every wait now has a deadline on the BES clock, and a close keeps its slot until
 * the IM connection is gone.
 */
import { describe, expect, it } from 'vitest';
import type { Clock, ImBackend, ImReply, ImRequest, SimpleFilter, TraceEvent } from '../../src/index.js';
import { createBes, InMemorySessionStore, pipe, VirtualClock } from '../../src/index.js';
import { wrapStore } from '../support/wrapped-store.js';
import { credentials } from '../support/users.js';
import { brokenRules, flush, PINS, tappedBes, USERS } from './fixture.js';

const never = <T>(): Promise<T> => new Promise<T>(() => {});

/** A backend that answers as `answer` says, or never (`undefined`); it records what it was asked. */
function scriptedBackend(answer: (request: ImRequest) => Promise<ImReply> | undefined) {
  const asked: ImRequest[] = [];
  const open = new Set<string>();
  let next = 0;
  const serve = (request: ImRequest): Promise<ImReply> => {
    asked.push(request);
    const scripted = answer(request);
    if (scripted !== undefined) return scripted;
    if (request.kind === 'login') {
      const connectionId = `c-${++next}`;
      open.add(connectionId);
      return Promise.resolve({ kind: 'login', ok: true, connectionId });
    }
    if (request.kind === 'close') return Promise.resolve({ kind: 'close', wasOpen: open.delete(request.connectionId) });
    return Promise.resolve(
      open.has(request.connectionId)
        ? { kind: 'status', ok: true }
        : { kind: 'status', ok: false, reason: 'session-closed' },
    );
  };
  const backend: ImBackend & { asked: ImRequest[]; open: Set<string> } = {
    client: 'sametime',
    hop: 'scripted-backend',
    sessionLimit: 100,
    serve,
    asked,
    open,
  };
  return backend;
}

const errors = (events: readonly TraceEvent[]) =>
  events.filter((e) => e.action === 'error').map((e) => [e.hop, e.outcome]);

describe('a backend that never answers', () => {
  it('a login it never answers is told failed (backend-timeout) at the deadline, and its slot is free again', async () => {
    let hang = true;
    const backend = scriptedBackend((request) => (request.kind === 'login' && hang ? never() : undefined));
    const t = tappedBes({ backend: () => backend, config: { maxSessions: 1, backendTimeoutMs: 5_000 } });
    const alice = t.activate(0);
    const pending = alice.login(credentials(0));
    await t.clock.advance(4_999);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(1);
    await t.clock.advance(1);
    expect(await pending).toEqual({ status: 'failed', reason: 'backend-timeout' });
    expect(errors(t.events)).toEqual([['scripted-backend', 'backend-timeout']]);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
    hang = false;
    expect((await t.activate(1).login(credentials(1))).status).toBe('accepted');
    expect(t.clock.pending).toBe(0);
  });

  it('gives the backend the deadline, and a signal it aborts then, made only if the backend reads it', async () => {
    const seen: { deadline?: number; aborted?: boolean }[] = [];
    const backend = scriptedBackend((request) => {
      if (request.kind !== 'login') return undefined;
      const signal = request.signal!;
      const entry: { deadline?: number; aborted?: boolean } = {};
      if (request.deadline !== undefined) entry.deadline = request.deadline;
      seen.push(entry);
      return new Promise((resolve) =>
        signal.addEventListener('abort', () => {
          entry.aborted = true;
          resolve({ kind: 'login', ok: false, failure: { status: 'failed', reason: 'aborted' } });
        }),
      );
    });
    const t = tappedBes({ backend: () => backend, config: { backendTimeoutMs: 5_000 } });
    await t.clock.advance(1_000);
    const pending = t.activate(0).login(credentials(0));
    await t.clock.advance(5_000);
    // At the deadline the signal aborts and the service gives up: the device is told failed either way.
    expect((await pending).status).toBe('failed');
    expect(seen).toEqual([{ deadline: 6_000, aborted: true }]);
    expect(t.clock.pending).toBe(0);
  });

  it('a session the backend opens after the deadline is closed at once, so none is left that nobody holds', async () => {
    let release: (() => void) | undefined;
    const backend = scriptedBackend((request) => {
      if (request.kind !== 'login' || release !== undefined) return undefined;
      return new Promise((resolve) => {
        release = () => resolve({ kind: 'login', ok: true, connectionId: 'late-1' });
      });
    });
    backend.open.add('late-1');
    const t = tappedBes({ backend: () => backend, config: { backendTimeoutMs: 5_000 } });
    const pending = t.activate(0).login(credentials(0));
    await t.clock.advance(5_000);
    expect((await pending).status).toBe('failed');
    release!();
    await flush();
    expect(
      backend.asked.filter((r) => r.kind === 'close').map((r) => (r as { connectionId: string }).connectionId),
    ).toEqual(['late-1']);
    expect(backend.open.has('late-1')).toBe(false);
    expect(await t.bes.sessions.count()).toBe(0);
  });

  it('a close it never answers holds up only the login that needed the slot, for at most the deadline', async () => {
    const backend = scriptedBackend((request) => (request.kind === 'close' ? never() : undefined));
    const t = tappedBes({
      backend: () => backend,
      config: { maxSessions: 1, idleTimeoutMs: 60_000, backendTimeoutMs: 5_000 },
    });
    const [alice, bob, carol] = [t.activate(0), t.activate(1), t.activate(2)];
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    await alice.setCoverage(false);
    // Bob's login logs alice out as idle; her close never answers.
    const bobLogin = bob.login(credentials(1));
    await flush();
    // Meanwhile admission is not frozen: carol is answered at once (the maximum is taken by bob's reservation).
    expect(await carol.login(credentials(2))).toEqual({ status: 'server-busy', reason: 'maximum-reached' });
    await t.clock.advance(5_000);
    expect((await bobLogin).status).toBe('accepted');
    expect(errors(t.events)).toEqual([['scripted-backend', 'backend-timeout']]);
    expect(await brokenRules(t.bes)).toEqual([]);
  });

  it("a close that rejects is named as the backend's failure, not a store's, and the session still goes", async () => {
    const backend = scriptedBackend((request) =>
      request.kind === 'close' ? Promise.reject(new Error('socket gone')) : undefined,
    );
    const t = tappedBes({ backend: () => backend });
    const alice = t.activate(0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(await alice.logout()).toEqual({ status: 'logged-out' });
    expect(errors(t.events)).toEqual([['scripted-backend', 'backend-failed']]);
    expect(await t.bes.sessions.count()).toBe(0);
  });
});

/** A backend whose logins fail by its own timeout of `timeoutMs`, and which may say so (`answersWithinMs`). */
function selfTimedBackend(clock: Clock, timeoutMs: number, says: number | undefined) {
  const backend = scriptedBackend((request) =>
    request.kind === 'login'
      ? new Promise((resolve) =>
          clock.timer(timeoutMs, () =>
            resolve({ kind: 'login', ok: false, failure: { status: 'failed', reason: 'timeout' } }),
          ),
        )
      : undefined,
  );
  return says === undefined ? backend : { ...backend, answersWithinMs: says };
}

describe('a backend whose own timeouts bound its answers (answersWithinMs)', () => {
  it('straight behind the service, within its deadline: its own timeout answers, and the service puts no timer of its own on the clock', async () => {
    const t = tappedBes({
      backend: ({ clock }) => selfTimedBackend(clock, 1_000, 1_000),
      config: { backendTimeoutMs: 5_000 },
    });
    const pending = t.activate(0).login(credentials(0));
    await flush();
    expect(t.clock.pending).toBe(1);
    await t.clock.advance(1_000);
    expect(await pending).toEqual({ status: 'failed', reason: 'timeout' });
    expect(errors(t.events)).toEqual([]);
    expect(t.clock.pending).toBe(0);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
  });

  it('one that does not say so gets the service deadline beside its own timer', async () => {
    const t = tappedBes({
      backend: ({ clock }) => selfTimedBackend(clock, 1_000, undefined),
      config: { backendTimeoutMs: 5_000 },
    });
    const pending = t.activate(0).login(credentials(0));
    await flush();
    expect(t.clock.pending).toBe(2);
    await t.clock.advance(1_000);
    expect(await pending).toEqual({ status: 'failed', reason: 'timeout' });
    expect(t.clock.pending).toBe(0);
  });

  it('one that says it may take longer than the deadline is still failed at the deadline (backend-timeout)', async () => {
    const t = tappedBes({
      backend: ({ clock }) => selfTimedBackend(clock, 60_000, 60_000),
      config: { backendTimeoutMs: 5_000 },
    });
    const pending = t.activate(0).login(credentials(0));
    await t.clock.advance(5_000);
    expect(await pending).toEqual({ status: 'failed', reason: 'backend-timeout' });
    expect(errors(t.events)).toEqual([['scripted-backend', 'backend-timeout']]);
  });

  it('a stage between the service and the backend keeps the service deadline: that stage may hold a request up', async () => {
    const clock = new VirtualClock();
    const holding: SimpleFilter<ImRequest, ImReply> = function holding(request, next) {
      return request.kind === 'login' ? never() : next(request);
    };
    const bes = createBes({
      seed: 6,
      clock,
      users: USERS,
      config: { backendTimeoutMs: 5_000 },
      backend: ({ clock: backendClock }) => selfTimedBackend(backendClock, 0, 0),
      compose: (h) => pipe(h.device, h.router, h.dispatcher, h.collaborationService, holding, h.backend),
    });
    const activated = bes.activateDevice({
      pin: PINS[0],
      userId: USERS[0].userId,
      activationPassword: USERS[0].activationPassword,
    });
    if (!activated.ok) throw new Error(activated.code);
    const pending = activated.device.login(credentials(0));
    await clock.advance(5_000);
    expect(await pending).toEqual({ status: 'failed', reason: 'backend-timeout' });
    expect(clock.pending).toBe(0);
  });
});

describe('a store call that never answers', () => {
  it('is told failed (store-timeout) at the deadline, holds up no other login, and the late admission gives its slot back', async () => {
    const inner = new InMemorySessionStore();
    let hung: (() => void) | undefined;
    const store = wrapStore(inner, (method, _args, work) => {
      if (method !== 'admit' || hung !== undefined) return work();
      // The first admission takes effect, and its answer is held back until the test lets it go.
      return work().then((result) => new Promise((resolve) => (hung = () => resolve(result))));
    });
    const t = tappedBes({ sessions: store, config: { maxSessions: 2, storeTimeoutMs: 1_000 } });
    const pending = t.activate(0).login(credentials(0));
    await flush();
    // The hung admission holds a reservation; one slot is left, and bob gets it at once.
    expect((await t.activate(1).login(credentials(1))).status).toBe('accepted');
    await t.clock.advance(1_000);
    expect(await pending).toEqual({ status: 'failed', reason: 'store-timeout' });
    hung!();
    await flush();
    expect((await t.activate(2).login(credentials(2))).status).toBe('accepted');
    expect(await inner.count()).toBe(2);
  });
});

describe('a close keeps its slot until the IM connection is gone', () => {
  it('a login arriving while a logout is being closed at Sametime is told Server Busy: Sametime never holds two at maximum 1', async () => {
    let finishLate: (() => void) | undefined;
    const inner = new InMemorySessionStore();
    const store = wrapStore(inner, (method, _args, work) => {
      if (method !== 'finishClose' || finishLate !== undefined) return work();
      return new Promise((resolve) => (finishLate = () => void work().then(resolve)));
    });
    let peak = 0;
    const t = tappedBes({
      sessions: store,
      config: { maxSessions: 1 },
      observe: (event) => {
        if (event.hop === 'sametime-server' && event.action === 'session-opened')
          peak = Math.max(peak, t.bes.backend.server.openSessionCount);
      },
    });
    const [alice, bob] = [t.activate(0), t.activate(1)];
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    const logout = alice.logout();
    await flush();
    expect(await bob.login(credentials(1))).toEqual({ status: 'server-busy', reason: 'maximum-reached' });
    finishLate!();
    expect(await logout).toEqual({ status: 'logged-out' });
    expect((await bob.login(credentials(1))).status).toBe('accepted');
    expect(peak).toBe(1);
  });
});
