/**
 * Two BES instances on one PostgreSQL Configuration Database (PGlite, in-process) on a virtual
 * clock: the pipeline works on the store as on the in-memory one, and every time in a row is the
 * BES clock's, never the database's.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bes, createBes } from '../../src/bes.js';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { credentials, pinFor, USERS, userAt } from '../support/users.js';

let client: PGlite;
beforeAll(async () => {
  client = await PGlite.create();
}, 60_000);
afterAll(async () => {
  await client?.close();
});

let schemas = 0;

/** `count` instances on one fresh schema and one clock; store calls get all the time they need. */
function instances(count: number, config: Record<string, number>) {
  const clock = new VirtualClock();
  const db = createPostgresConfigurationDatabase({ client, schema: `pipeline_${++schemas}` });
  const list = Array.from({ length: count }, (_, i) =>
    createBes({
      seed: 200 + i,
      clock,
      users: USERS,
      sessions: db.sessions,
      config: { storeTimeoutMs: 3_600_000, closePollMs: 1_000, ...config, instanceId: `bes-${i}` },
    }),
  );
  return { clock, db, list };
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

/**
 * Waits for `pending` while the virtual clock moves on in steps: the database answers in real
 * time, the instances' polls and leases run on the virtual clock.
 */
async function settle<T>(clock: VirtualClock, pending: Promise<T>, stepMs = 250): Promise<T> {
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let step = 0; step < 2_000 && !settled; step++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (!settled) await clock.advance(stepMs);
  }
  return pending;
}

describe('two BES instances on one PostgreSQL Configuration Database (PGlite)', () => {
  it("log out another instance's idle session for their own login; its owner closes its IM connection", async () => {
    const { clock, db, list } = instances(2, { maxSessions: 1, idleTimeoutMs: 60_000 });
    const [a, b] = list as [Bes, Bes];
    const alice = device(a, 1, 0);
    expect((await settle(clock, alice.login(credentials(0)))).status).toBe('accepted');
    const row = await db.sessions.getByPin(pinFor(1));
    // The BES clock's time, not the database's: the virtual clock is near its start.
    expect(row?.createdAt).toBeLessThan(10_000);
    expect(row?.owner).toBe('bes-0');
    await clock.advance(61_000);
    const bob = device(b, 2, 1);
    expect((await settle(clock, bob.login(credentials(1)))).status).toBe('accepted');
    // The owner found the close by polling and closed alice's Sametime session before bob's opened.
    expect(a.backend.server.openSessionCount).toBe(0);
    expect(b.backend.server.openSessionCount).toBe(1);
    expect(await db.sessions.count()).toBe(1);
    expect(await settle(clock, alice.sendStatus('away'))).toEqual({ status: 'session-closed', reason: 'idle-logout' });
    for (const bes of list) bes.stop();
  });

  it("log out a stopped instance's sessions once its lease has passed ('owner-lost'), and give its slots back", async () => {
    const { clock, db, list } = instances(2, { maxSessions: 1, instanceLeaseMs: 30_000 });
    const [a, b] = list as [Bes, Bes];
    expect((await settle(clock, device(a, 1, 0).login(credentials(0)))).status).toBe('accepted');
    const bob = device(b, 2, 1);
    expect((await settle(clock, bob.login(credentials(1)))).status).toBe('server-busy');
    a.stop(); // killed: it renews its lease no more
    await settle(
      clock,
      (async () => {
        while ((await db.sessions.count()) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      })(),
    );
    expect(clock.now()).toBeGreaterThanOrEqual(30_000);
    expect(await db.sessions.takeNotice(pinFor(1))).toBe('owner-lost');
    expect((await settle(clock, bob.login(credentials(1)))).status).toBe('accepted');
    b.stop();
  });
});
