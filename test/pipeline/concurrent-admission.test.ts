import { describe, expect, it } from 'vitest';
import { InMemorySessionStore } from '../../src/session/in-memory-session-store.js';
import { slowSessionStore } from '../session/slow-session-store.js';
import { passwordOf, testBes } from './bes-fixture.js';

describe('concurrent logins against the maximum', () => {
  it('admits exactly 100 of 1,000 logins started at once against maxSessions 100, with a store that yields between calls', async () => {
    const sessions = slowSessionStore(new InMemorySessionStore());
    const users = Array.from({ length: 1_000 }, (_, i) => ({ userId: `user${i}`, password: `pw${i}` }));
    const t = testBes({ config: { maxSessions: 100 }, sessions, users });
    const devices = users.map((user, i) => {
      const result = t.bes.activateDevice({
        pin: (0x22000000 + i).toString(16).toUpperCase(),
        userId: user.userId,
        activationPassword: user.password,
      });
      if (!result.ok) throw new Error(result.code);
      return { device: result.device, user };
    });

    const replies = await Promise.all(devices.map(({ device, user }) => device.login(user)));

    const counts = new Map<string, number>();
    for (const reply of replies) counts.set(reply.status, (counts.get(reply.status) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ accepted: 100, 'server-busy': 900 });
    expect(await sessions.count()).toBe(100);
    expect(t.bes.backend.server.openSessionCount).toBe(100);
    expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
  });

  it('frees the slot of a login that fails at Sametime, so the next login gets it', async () => {
    const t = testBes({ config: { maxSessions: 1 } });
    const alice = t.activate(1, 'alice');
    expect((await alice.login({ userId: 'alice', password: 'wrong' })).status).toBe('authentication-failed');
    t.bes.backend.server.fault = 'refuse';
    expect((await t.activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') })).status).toBe('failed');
    t.bes.backend.server.fault = 'none';
    expect((await t.activate(3, 'dave').login({ userId: 'dave', password: passwordOf('dave') })).status).toBe(
      'accepted',
    );
    expect(t.bes.backend.server.openConnectionCount).toBe(1);
  });

  it('frees the slot of a denied login', async () => {
    const t = testBes({ config: { maxSessions: 1 } });
    expect((await t.activate(1, 'gus').login({ userId: 'gus', password: passwordOf('gus') })).status).toBe(
      'access-denied',
    );
    expect((await t.activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') })).status).toBe('accepted');
  });
});

/** A store whose count answers late with the value it read when asked, as a remote store might. */
class LateCountStore extends InMemorySessionStore {
  override async count(): Promise<number> {
    const value = await super.count();
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    return value;
  }
}

describe('admission against a store that answers late', () => {
  it('never lets a login through on a count read while another login was being cached', async () => {
    const sessions = new LateCountStore();
    const t = testBes({ config: { maxSessions: 1 }, sessions });
    const replies = await Promise.all([
      t.activate(1, 'alice').login({ userId: 'alice', password: passwordOf('alice') }),
      t.activate(2, 'bob').login({ userId: 'bob', password: passwordOf('bob') }),
    ]);
    expect(replies.map((r) => r.status)).toEqual(['accepted', 'server-busy']);
    expect(await sessions.count()).toBe(1);
    expect(t.bes.backend.server.openSessionCount).toBe(1);
  });
});
