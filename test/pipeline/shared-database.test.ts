/** Several BES instances on one Configuration Database (here, one in-memory store in one process). */
import { describe, expect, it } from 'vitest';
import { createBes, type Bes } from '../../src/bes.js';
import { InMemorySessionStore } from '../../src/session/in-memory-session-store.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { slowSessionStore } from '../session/slow-session-store.js';
import { credentials, pinFor, USERS, userAt } from '../support/users.js';

/** `count` BES instances sharing `store` and one clock, each its own instance id. */
function instances(count: number, config: Record<string, number>, store = new InMemorySessionStore(), slow = false) {
  const clock = new VirtualClock();
  const list = Array.from({ length: count }, (_, i) =>
    createBes({
      seed: 100 + i,
      clock,
      users: USERS,
      sessions: slow ? slowSessionStore(store) : store,
      config: { ...config, instanceId: `bes-${i}` },
    }),
  );
  return { clock, store, list };
}

function device(bes: Bes, n: number, userIndex: number) {
  const user = userAt(userIndex);
  const result = bes.activateDevice({
    pin: pinFor(n),
    userId: user.userId,
    activationPassword: user.activationPassword,
  });
  if (!result.ok) throw new Error(result.code);
  return result.device;
}

describe('several BES instances on one Configuration Database', () => {
  it('never admit more than the maximum between them, with logins at once and a store that answers late', async () => {
    const { store, list } = instances(3, { maxSessions: 4 }, new InMemorySessionStore(), true);
    const devices = list.flatMap((bes, i) =>
      USERS.slice(0, 6).map((_, u) => ({ d: device(bes, 10 * i + u + 1, u), u })),
    );
    const replies = await Promise.all(devices.map(({ d, u }) => d.login(credentials(u))));
    expect(replies.filter((r) => r.status === 'accepted')).toHaveLength(4);
    expect(replies.filter((r) => r.status === 'server-busy')).toHaveLength(devices.length - 4);
    expect(await store.count()).toBe(4);
    const atSametime = list.reduce((sum, bes) => sum + bes.backend.server.openSessionCount, 0);
    expect(atSametime).toBe(4);
    // Ids carry the instance, so no two instances' sessions collide.
    const ids = replies.flatMap((r) => (r.sessionId === undefined ? [] : [r.sessionId]));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^bes-[0-2]\/session-\d+$/);
  });

  it("log out another instance's idle session for a login of their own; its owner closes its IM connection", async () => {
    const { clock, store, list } = instances(2, { maxSessions: 1, idleTimeoutMs: 60_000 });
    const [a, b] = list as [Bes, Bes];
    const alice = device(a, 1, 0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(a.backend.server.openSessionCount).toBe(1);
    await clock.advance(61_000);
    const bob = device(b, 2, 1);
    expect((await bob.login(credentials(1))).status).toBe('accepted');
    // The owner heard of the close through the store and closed alice's Sametime session first.
    expect(a.backend.server.openSessionCount).toBe(0);
    expect(b.backend.server.openSessionCount).toBe(1);
    expect(await store.count()).toBe(1);
    expect(await alice.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'idle-logout' });
  });

  it('close the sessions the inactivity sweep finds on another instance through their owner', async () => {
    const { clock, list } = instances(2, { inactivityTimeoutMs: 60_000 });
    const [a, b] = list as [Bes, Bes];
    expect((await device(a, 1, 0).login(credentials(0))).status).toBe('accepted');
    await clock.advance(61_000);
    expect(await b.collaborationService.closeInactive()).toBe(1);
    await clock.runUntilIdle();
    expect(a.backend.server.openSessionCount).toBe(0);
    expect(await b.sessions.count()).toBe(0);
  });

  it("log out a stopped instance's sessions once its lease has passed ('owner-lost'), and give its slots back", async () => {
    const { clock, store, list } = instances(2, { maxSessions: 1, instanceLeaseMs: 30_000 });
    const [a, b] = list as [Bes, Bes];
    const alice = device(a, 1, 0);
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    const bob = device(b, 2, 1);
    expect((await bob.login(credentials(1))).status).toBe('server-busy');
    a.stop(); // killed: it renews its lease no more
    await clock.advance(40_000);
    expect(await store.count()).toBe(0);
    expect((await bob.login(credentials(1))).status).toBe('accepted');
    b.stop();
    expect(clock.pending).toBe(0);
  });
});
