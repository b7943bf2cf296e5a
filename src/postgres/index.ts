/**
 * The BlackBerry Configuration Database in PostgreSQL, for one BES or several sharing it: the
 * connectivity cache, the permissions and the shared settings, on a `pg` Pool or on PGlite, in a
 * schema its migrations create. Neither driver is imported here: you make the client.
 * @module bes-collab/postgres
 */

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
