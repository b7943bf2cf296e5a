/**
 * Several BES processes on one PostgreSQL: four Node processes, each its own `createBes` on the
 * PostgreSQL store, one server. Admission must be atomic in the database, not in a process.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { describeWith } from '../support/external-program.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../support/postgres-server.js';
import type { LoginOutcome } from './bes-instance.child.js';
import { type InstanceProcess, startInstances } from './instance-processes.js';

/** Real time: a busy store queue must not fail logins (`storeTimeoutMs`); closes are polled for often. */
const CONFIG = { storeTimeoutMs: 120_000, closePollMs: 20 };

function shuffled(count: number, seed: number): number[] {
  const random = createRandom(`multi-process/${seed}`);
  const list = Array.from({ length: count }, (_, i) => i);
  for (let i = list.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

function accepted(logins: readonly LoginOutcome[]): LoginOutcome[] {
  return logins.filter((l) => l.status === 'accepted');
}

describeWith(postgresPrograms, 'four BES processes on one PostgreSQL', () => {
  let server: PostgresServer;
  let admin: pg.Pool;
  let instances: InstanceProcess[];
  beforeAll(async () => {
    instances = startInstances(4);
    server = await startPostgresServer();
    admin = new pg.Pool({ ...server.connection, max: 2 });
  }, 60_000);
  afterAll(async () => {
    await Promise.all((instances ?? []).map((i) => i.close()));
    await admin?.end();
    await server?.stop();
  });

  async function sharedDatabase(schema: string, settings: { maxSessions: number; idleTimeoutMs?: number }) {
    const db = createPostgresConfigurationDatabase({ client: admin, schema });
    await db.configuration.write(settings);
    return db;
  }

  async function rows(schema: string): Promise<{ session_id: string; owner: string }[]> {
    return (await admin.query(`SELECT session_id, owner FROM "${schema}".sessions`)).rows;
  }

  async function leftovers(schema: string): Promise<number> {
    const { rows: counted } = await admin.query(
      `SELECT (SELECT count(*) FROM "${schema}".reservations) + (SELECT count(*) FROM "${schema}".closing) AS n`,
    );
    return Number(counted[0].n);
  }

  for (const seed of [1, 2, 3]) {
    it(`admit exactly 100 of 1,000 concurrent logins at a maximum of 100, with one row and one Sametime connection each (seed ${seed})`, async () => {
      const schema = `multi_${seed}`;
      await sharedDatabase(schema, { maxSessions: 100 });
      const order = shuffled(1_000, seed);
      await Promise.all(
        instances.map((instance, i) =>
          instance.ask(
            {
              kind: 'round',
              connection: server.connection,
              schema,
              seed: seed * 10 + i,
              instanceId: `bes-${i}`,
              devices: order.slice(i * 250, (i + 1) * 250),
              config: CONFIG,
            },
            'ready',
          ),
        ),
      );
      const done = await Promise.all(instances.map((instance) => instance.ask({ kind: 'go' }, 'done')));
      const logins = done.flatMap((d) => d.logins);
      expect(logins).toHaveLength(1_000);
      expect(accepted(logins)).toHaveLength(100);
      expect(logins.filter((l) => l.status === 'server-busy')).toHaveLength(900);
      const ids = accepted(logins).map((l) => l.sessionId!);
      expect(new Set(ids).size).toBe(100);

      const stored = await rows(schema);
      expect(stored.map((r) => r.session_id).sort()).toEqual([...ids].sort());
      done.forEach((d, i) => {
        // Each instance holds one Sametime connection per session it admitted, and owns its rows.
        expect(d.open).toBe(accepted(d.logins).length);
        for (const login of accepted(d.logins)) {
          expect(stored.find((r) => r.session_id === login.sessionId)?.owner).toBe(`bes-${i}`);
        }
      });
      expect(await leftovers(schema)).toBe(0);
      await Promise.all(instances.map((instance) => instance.ask({ kind: 'end' }, 'ended')));
    }, 180_000);
  }

  it('log out idle sessions of another process to admit their own, never holding more than the maximum', async () => {
    const schema = 'multi_idle';
    await sharedDatabase(schema, { maxSessions: 100, idleTimeoutMs: 1_000 });
    const [holder, ...others] = instances as [InstanceProcess, ...InstanceProcess[]];
    const round = (i: number, devices: number[]) => ({
      kind: 'round' as const,
      connection: server.connection,
      schema,
      seed: 40 + i,
      instanceId: `bes-${i}`,
      devices,
      config: CONFIG,
    });
    await holder.ask(
      round(
        0,
        Array.from({ length: 100 }, (_, n) => n),
      ),
      'ready',
    );
    const first = await holder.ask({ kind: 'go' }, 'done');
    expect(accepted(first.logins)).toHaveLength(100);

    await new Promise((resolve) => setTimeout(resolve, 1_500)); // every one of them idle now
    await Promise.all(
      others.map((o, i) =>
        o.ask(
          round(
            i + 1,
            Array.from({ length: 300 }, (_, k) => 100 + i * 300 + k),
          ),
          'ready',
        ),
      ),
    );
    const done = await Promise.all(others.map((o) => o.ask({ kind: 'go' }, 'done')));
    const logins = done.flatMap((d) => d.logins);
    const admitted = accepted(logins);
    expect(admitted.length).toBeGreaterThanOrEqual(1);
    expect(logins.filter((l) => l.status === 'server-busy')).toHaveLength(900 - admitted.length);

    for (let waited = 0; (await leftovers(schema)) > 0 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await leftovers(schema)).toBe(0);
    const looked = await holder.ask({ kind: 'look' }, 'looked');
    const loggedOut = looked.statuses.filter((s) => s.status === 'session-closed' && s.reason === 'idle-logout');
    // The holder closed the Sametime connection of every session the others logged out.
    expect(looked.open).toBe(100 - loggedOut.length);
    expect(loggedOut.length).toBeGreaterThanOrEqual(1);

    for (const d of done) expect(d.open).toBe(accepted(d.logins).length);
    const stored = await rows(schema);
    expect(stored.length).toBeLessThanOrEqual(100);
    expect(stored.length).toBe(looked.open + admitted.length);
    expect(new Set(stored.map((r) => r.session_id)).size).toBe(stored.length);
    for (const login of admitted) expect(stored.some((r) => r.session_id === login.sessionId)).toBe(true);
    await Promise.all(instances.map((instance) => instance.ask({ kind: 'end' }, 'ended')));
  }, 180_000);
});
