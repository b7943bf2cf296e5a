/** The store contract suites, every section, against the PostgreSQL store on PGlite (in-process, no server). */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { createPostgresConfigurationDatabase } from '../../src/postgres/index.js';
import type { SessionStore } from '../../src/session/index.js';
import { runPermissionStoreContract, runSessionStoreContract } from '../../src/testing/index.js';

const test = { describe, it };
// A database answers in milliseconds, not microseconds: the 1,500-call model case needs more than 5 s on a busy machine.
vi.setConfig({ testTimeout: 60_000 });
const capabilities = { rejectsNonFiniteTimes: true, ordersOutOfCoverageByStatus: true };

let database: Promise<PGlite> | undefined;
/** One PGlite for the file; each case gets a schema of its own. */
const pglite = (): Promise<PGlite> => (database ??= PGlite.create());
// Starting PGlite (loading the WebAssembly build) takes seconds on a busy machine: not a case's time.
beforeAll(() => pglite().then(() => undefined), 60_000);
afterAll(async () => {
  if (database !== undefined) await (await database).close();
});

let schemas = 0;
const schemaOf = new WeakMap<object, string>();

async function fresh(handles: number): Promise<SessionStore[]> {
  const client = await pglite();
  const schema = `contract_${++schemas}`;
  return Array.from({ length: handles }, () => {
    const { sessions } = createPostgresConfigurationDatabase({ client, schema });
    schemaOf.set(sessions, schema);
    return sessions;
  });
}

async function drop(store: object): Promise<void> {
  const schema = schemaOf.get(store);
  if (schema !== undefined) await (await pglite()).query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

runSessionStoreContract({
  name: 'PostgresSessionStore on PGlite',
  create: async () => (await fresh(1))[0]!,
  // Several instances' handles on one database: one PGlite, one schema, a store each.
  createShared: (count) => fresh(count),
  dispose: drop,
  capabilities,
  test,
});

runPermissionStoreContract({
  name: 'PostgresPermissionStore on PGlite',
  create: async (grants) => {
    const client = await pglite();
    const { permissions } = createPostgresConfigurationDatabase({ client, schema: `permissions_${++schemas}` });
    for (const { userId, clients } of grants) for (const c of clients) await permissions.grant(userId, c);
    schemaOf.set(permissions, `permissions_${schemas}`);
    return permissions;
  },
  dispose: drop,
  test,
});
