/**
 * Faults on a shared PostgreSQL Configuration Database: a BES process killed mid-login, and the
 * database restarted under running instances. Real processes, a real server, real time.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';
import { StoreError } from '../../src/session/index.js';
import { describeWith } from '../support/external-program.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../support/postgres-server.js';
import type { LoginOutcome, RoundMessage } from './bes-instance.child.js';
import { type InstanceProcess, startInstances } from './instance-processes.js';

/** Short leases, so that a dead instance's slots come back within seconds. */
const CONFIG = { storeTimeoutMs: 60_000, closePollMs: 20, reservationLeaseMs: 10_000, instanceLeaseMs: 6_000 };

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, k) => from + k);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const accepted = (logins: readonly LoginOutcome[]) => logins.filter((l) => l.status === 'accepted');

describeWith(postgresPrograms, 'faults on a shared PostgreSQL', () => {
  let server: PostgresServer;
  let admin: pg.Pool;
  beforeAll(async () => {
    server = await startPostgresServer();
    admin = new pg.Pool({ ...server.connection, max: 2 });
    admin.on('error', () => {}); // the restart drops its idle connections
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  const round = (schema: string, i: number, devices: number[]): RoundMessage => ({
    kind: 'round',
    connection: server.connection,
    schema,
    seed: 70 + i,
    instanceId: `bes-${i}`,
    devices,
    config: CONFIG,
  });

  async function held(
    schema: string,
  ): Promise<{ sessions: number; reservations: number; closing: number; owners: string[] }> {
    const { rows } = await admin.query(
      `SELECT (SELECT count(*) FROM "${schema}".sessions)::int AS sessions,
              (SELECT count(*) FROM "${schema}".reservations)::int AS reservations,
              (SELECT count(*) FROM "${schema}".closing)::int AS closing,
              (SELECT coalesce(array_agg(DISTINCT owner), '{}') FROM (
                 SELECT owner FROM "${schema}".sessions UNION SELECT owner FROM "${schema}".reservations
                 UNION SELECT owner FROM "${schema}".closing) AS o) AS owners`,
    );
    return rows[0];
  }

  it('free the slots of a process killed mid-login once its leases pass, leaving no row without a live owner', async () => {
    const schema = 'fault_kill';
    await createPostgresConfigurationDatabase({ client: admin, schema }).configuration.write({ maxSessions: 100 });
    const [victim, survivor] = startInstances(2) as [InstanceProcess, InstanceProcess];
    try {
      await victim.ask(round(schema, 0, range(0, 250)), 'ready');
      await survivor.ask(round(schema, 1, range(1_000, 150)), 'ready');
      victim.tell({ kind: 'go' });
      // Killed while its logins are under way: some committed, some admitted, some not yet asked.
      for (let waited = 0; (await held(schema)).sessions < 20 && waited < 20_000; waited += 5) await sleep(5);
      await victim.kill();
      const left = await held(schema);
      expect(left.sessions + left.reservations).toBeGreaterThan(0);

      // The survivor reaps the dead instance once its lease has passed; its reservations lapse.
      for (let waited = 0; (await held(schema)).owners.includes('bes-0') && waited < 30_000; waited += 100)
        await sleep(100);
      expect((await held(schema)).owners).not.toContain('bes-0');
      // Reaping took its reservations too (its instance lease is shorter than a reservation's).
      const done = await survivor.ask({ kind: 'go' }, 'done');
      expect(accepted(done.logins)).toHaveLength(100);
      expect(done.logins.filter((l) => l.status === 'server-busy')).toHaveLength(50);
      expect(await held(schema)).toEqual({ sessions: 100, reservations: 0, closing: 0, owners: ['bes-1'] });
      expect(done.open).toBe(100);
      await survivor.ask({ kind: 'end' }, 'ended');
    } finally {
      await Promise.all([victim.close(), survivor.close()]);
    }
  }, 120_000);

  it('fail logins with store-failed while PostgreSQL is down, never over-admit, and admit again once it is back', async () => {
    const schema = 'fault_restart';
    const db = createPostgresConfigurationDatabase({ client: admin, schema });
    await db.configuration.write({ maxSessions: 50 });
    const [a, b] = startInstances(2) as [InstanceProcess, InstanceProcess];
    try {
      await a.ask(round(schema, 0, range(0, 20)), 'ready');
      await b.ask(round(schema, 1, range(100, 200)), 'ready');
      expect(accepted((await a.ask({ kind: 'go' }, 'done')).logins)).toHaveLength(20);

      // Down mid-run: logins under way when it stops, and logins while it is down.
      const during = b.ask({ kind: 'go', devices: range(100, 100) }, 'done');
      for (let waited = 0; (await held(schema)).sessions <= 20 && waited < 20_000; waited += 5) await sleep(5);
      await server.halt();
      const whileDown = await during;
      const down = await b.ask({ kind: 'go', devices: range(200, 20) }, 'done');
      expect(down.logins.map((l) => [l.status, l.reason])).toEqual(range(0, 20).map(() => ['failed', 'store-failed']));
      // The failure names the store and the operation.
      const failure = await db.sessions
        .admit({
          reservationId: 'x/1',
          owner: 'x',
          pin: '2100FFFF',
          now: 0,
          leaseUntil: 1,
          rules: { maxSessions: 50 },
          sessionLimit: 100,
        })
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('unavailable');
      expect((failure as StoreError).message).toMatch(/^PostgresSessionStore\.admit failed: /);

      await sleep(1_000);
      await server.resume();
      expect(accepted(whileDown.logins).length).toBeGreaterThanOrEqual(1);
      expect(accepted(whileDown.logins).length).toBeLessThanOrEqual(30);
      for (const l of whileDown.logins) expect(['accepted', 'server-busy', 'failed']).toContain(l.status);
      // Whatever the failed logins held lapses with its lease; then exactly the free slots are admitted.
      await sleep(CONFIG.reservationLeaseMs + 500);
      // (A lapsed reservation is dropped by the next admission, as in memory.)
      const before = await held(schema);
      const after = await b.ask({ kind: 'go', devices: range(220, 80) }, 'done');
      expect(accepted(after.logins)).toHaveLength(50 - before.sessions);
      const final = await held(schema);
      expect([final.sessions, final.reservations, final.closing]).toEqual([50, 0, 0]);
      const looked = [await a.ask({ kind: 'look' }, 'looked'), await b.ask({ kind: 'look' }, 'looked')];
      // One Sametime connection per row, across both instances.
      expect(looked[0]!.open + looked[1]!.open).toBe((await held(schema)).sessions);
      await Promise.all([a.ask({ kind: 'end' }, 'ended'), b.ask({ kind: 'end' }, 'ended')]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);
});
