// bes-collab/postgres: the Configuration Database in PostgreSQL, on a `pg` Pool or PGlite.
// Neither is imported here: the user makes the client and passes it in.
export {
  createPostgresConfigurationDatabase,
  type PostgresConfigurationDatabase,
  type PostgresConfigurationDatabaseOptions,
} from './configuration-database.js';
export type { PostgresClient, PostgresPoolConnection, PostgresQueryable, PostgresResult } from './postgres-client.js';
export { PostgresSessionStore } from './postgres-session-store.js';
export { PostgresPermissionStore } from './postgres-permission-store.js';
export { PostgresConfiguration, type SharedSettings } from './postgres-configuration.js';
export { DEFAULT_SCHEMA, SCHEMA_VERSION } from './postgres-schema.js';
