/** The Configuration Database's own parts: migrations on first use, the shared configuration row, bad input. */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { createPostgresConfigurationDatabase, SCHEMA_VERSION } from '../../src/postgres/index.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { type SessionStore, StoreError } from '../../src/session/index.js';
import { sessionRecord } from '../../src/testing/index.js';

/**
 * One instance's share of a busy run: logins admitted (logging idle sessions out, whose closes it
 * finishes as their owner would), committed or released, sessions touched, closed and removed.
 */
async function busyInstance(store: SessionStore, owner: string, seed: number, logins: number): Promise<void> {
  const random = createRandom(`busy/${owner}/${seed}`);
  const rules = { maxSessions: 30, idleTimeoutMs: 50 };
  for (let i = 0; i < logins; i++) {
    const n = seed * 100_000 + i;
    const now = i * 10;
    const reservationId = `${owner}/reservation-${n}`;
    const admitted = await store.admit({
      reservationId,
      owner,
      pin: sessionRecord(n).pin,
      now,
      leaseUntil: now + 1_000,
      rules,
      sessionLimit: 1_000,
    });
    if (!admitted.admitted) continue;
    for (const { record } of admitted.evicted) await store.finishClose(record.sessionId);
    if (random.int(4) === 0) {
      await store.release(reservationId);
      continue;
    }
    const sessionId = `${owner}/session-${n}`;
    await store.commit(reservationId, sessionRecord(n, { sessionId, owner, createdAt: now, lastStatusAt: now }));
    const fate = random.int(4);
    if (fate === 0) await store.touch(sessionId, now + 5);
    else if (fate === 1 && (await store.beginClose(sessionId, 'logout')) !== undefined)
      await store.finishClose(sessionId);
    else if (fate === 2) await store.remove(sessionId);
  }
}
import { describeWith } from '../support/external-program.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../support/postgres-server.js';

describe('the Configuration Database on PGlite', () => {
  let client: PGlite;
  beforeAll(async () => {
    client = await PGlite.create();
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  it('creates and migrates its schema on first use, once, whoever asks first', async () => {
    const dbs = Array.from({ length: 3 }, () => createPostgresConfigurationDatabase({ client, schema: 'first_use' }));
    expect((await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'first_use'`)).rows).toEqual([]);
    await Promise.all([
      dbs[0]!.sessions.count(),
      dbs[1]!.permissions.mayUse('alice', 'sametime'),
      dbs[2]!.configuration.read(),
    ]);
    const { rows } = await client.query<{ version: number }>(
      'SELECT version FROM first_use.migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('keeps the shared configuration row: unset fields absent, so it spreads into a BES config', async () => {
    const { configuration } = createPostgresConfigurationDatabase({ client, schema: 'shared_row' });
    expect(await configuration.read()).toEqual({});
    await configuration.write({ maxSessions: 40, idleTimeoutMs: 60_000 });
    const read = await createPostgresConfigurationDatabase({ client, schema: 'shared_row' }).configuration.read();
    expect(read).toEqual({ maxSessions: 40, idleTimeoutMs: 60_000 });
    expect(Object.keys(read)).not.toContain('inactivityTimeoutMs');
    const refused = await configuration.write({ maxSessions: -1 }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).fields).toEqual(['maxSessions']);
    expect(await configuration.read()).toEqual({ maxSessions: 40, idleTimeoutMs: 60_000 });
  });

  it('refuses a schema name it could not write into SQL as it is, naming the field', () => {
    for (const schema of ['Bad', 'a-b', 'x"; DROP TABLE y; --', '']) {
      let error: unknown;
      try {
        createPostgresConfigurationDatabase({ client, schema });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).fields).toEqual(['schema']);
    }
  });

  it('answers a broken unique constraint with StoreError duplicate, and other failures with unavailable naming store and operation', async () => {
    const { sessions } = createPostgresConfigurationDatabase({ client, schema: 'failures' });
    await sessions.insert(sessionRecord(1));
    const duplicate = await sessions.insert(sessionRecord(2, { pin: sessionRecord(1).pin })).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(StoreError);
    expect((duplicate as StoreError).code).toBe('duplicate');
    await client.query('DROP TABLE failures.closing CASCADE');
    const broken = await sessions.isClosing('session-1').catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(StoreError);
    expect((broken as StoreError).code).toBe('unavailable');
    expect((broken as StoreError).message).toMatch(
      /^PostgresSessionStore\.isClosing failed: .*closing.* \(SQLSTATE 42P01\)$/,
    );
  });
});

describeWith(postgresPrograms, 'the Configuration Database on a PostgreSQL server', () => {
  let server: PostgresServer;
  const pools: pg.Pool[] = [];
  beforeAll(async () => {
    server = await startPostgresServer();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await server?.stop();
  });

  it('migrates once when eight instances use it for the first time at the same moment', async () => {
    const dbs = Array.from({ length: 8 }, () => {
      const pool = new pg.Pool({ ...server.connection, max: 1 });
      pools.push(pool);
      return createPostgresConfigurationDatabase({ client: pool });
    });
    await Promise.all(dbs.map((db) => db.ready()));
    const { rows } = await pools[0]!.query('SELECT version FROM bes_collab.migrations ORDER BY version');
    expect(rows.map((r: { version: number }) => r.version)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1),
    );
    expect(await dbs[7]!.sessions.count()).toBe(0);
  });

  it('keeps its session count equal to its rows, and under the maximum, through four busy instances at once', async () => {
    const schema = 'busy';
    const handles = Array.from({ length: 4 }, () => {
      const pool = new pg.Pool({ ...server.connection, max: 3 });
      pools.push(pool);
      return createPostgresConfigurationDatabase({ client: pool, schema }).sessions;
    });
    await handles[0]!.count();
    await Promise.all(
      handles.flatMap((store, i) => [1, 2, 3].map((seed) => busyInstance(store, `bes-${i}`, seed * 10 + i, 60))),
    );
    const { rows } = await pools[pools.length - 1]!.query(
      `SELECT (SELECT sessions FROM busy.session_count)::int AS counted, (SELECT count(*) FROM busy.sessions)::int AS held,
              (SELECT count(*) FROM busy.closing)::int AS closing, (SELECT count(*) FROM busy.reservations)::int AS reservations`,
    );
    expect(rows[0]).toEqual({ counted: rows[0].held, held: rows[0].held, closing: 0, reservations: 0 });
    expect(rows[0].held).toBeGreaterThan(0);
    expect(rows[0].held).toBeLessThanOrEqual(30);
    expect(await handles[3]!.count()).toBe(rows[0].held);
  }, 120_000);
});
