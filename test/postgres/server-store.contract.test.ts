/** The store contract suites, every section, against the PostgreSQL store on a real server of the test's own. */
import pg from 'pg';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';
import type { SessionStore } from '../../src/session/index.js';
import { runPermissionStoreContract, runSessionStoreContract } from '../../src/testing/index.js';
import { describeWith } from '../support/external-program.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../support/postgres-server.js';

const test = { describe, it };
// A database answers in milliseconds, not microseconds: the 1,500-call model case needs more than 5 s on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
const capabilities = { rejectsNonFiniteTimes: true, ordersOutOfCoverageByStatus: true };

describeWith(postgresPrograms, 'on a PostgreSQL server started for the test', () => {
  let server: PostgresServer;
  let admin: pg.Pool;
  beforeAll(async () => {
    server = await startPostgresServer();
    admin = new pg.Pool({ ...server.connection, max: 2 });
  }, 60_000);
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  let schemas = 0;
  /** Each handle's own pool (its own connections, as another instance's) and schema. */
  const handles = new WeakMap<object, { pool: pg.Pool; schema: string }>();

  function fresh(count: number): SessionStore[] {
    const schema = `contract_${++schemas}`;
    return Array.from({ length: count }, () => {
      const pool = new pg.Pool({ ...server.connection, max: 4 });
      const { sessions } = createPostgresConfigurationDatabase({ client: pool, schema });
      handles.set(sessions, { pool, schema });
      return sessions;
    });
  }

  async function drop(store: object): Promise<void> {
    const handle = handles.get(store);
    if (handle === undefined) return;
    await handle.pool.end();
    await admin.query(`DROP SCHEMA IF EXISTS "${handle.schema}" CASCADE`);
  }

  runSessionStoreContract({
    name: 'PostgresSessionStore on a pg Pool',
    create: () => fresh(1)[0]!,
    createShared: async (count) => fresh(count),
    dispose: drop,
    capabilities,
    test,
  });

  runPermissionStoreContract({
    name: 'PostgresPermissionStore on a pg Pool',
    create: async (grants) => {
      const schema = `permissions_${++schemas}`;
      const pool = new pg.Pool({ ...server.connection, max: 4 });
      const { permissions } = createPostgresConfigurationDatabase({ client: pool, schema });
      for (const { userId, clients } of grants) for (const c of clients) await permissions.grant(userId, c);
      handles.set(permissions, { pool, schema });
      return permissions;
    },
    dispose: drop,
    test,
  });
});
