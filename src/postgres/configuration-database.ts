import { PostgresConfiguration } from './postgres-configuration.js';
import { type PostgresClient, PostgresConnection } from './postgres-client.js';
import { PostgresPermissionStore } from './postgres-permission-store.js';
import { checkSchemaName, DEFAULT_SCHEMA, migrate } from './postgres-schema.js';
import { PostgresSessionStore } from './postgres-session-store.js';

/** Where the Configuration Database lives. */
export interface PostgresConfigurationDatabaseOptions {
  /** A `pg` `Pool`, or a PGlite instance. Yours: the database does not end it. */
  readonly client: PostgresClient;
  /** The schema its tables live in (created on first use). Default `bes_collab`. */
  readonly schema?: string;
}

/** The BlackBerry Configuration Database's three parts, in PostgreSQL. */
export interface PostgresConfigurationDatabase {
  /** The connectivity cache: give it to every instance's `createBes({ sessions })`. */
  readonly sessions: PostgresSessionStore;
  /** Who may use which collaboration client: `createBes({ permissions })`. */
  readonly permissions: PostgresPermissionStore;
  /** The maximum and the timeouts every instance reads: `createBes({ config: { ...await configuration.read() } })`. */
  readonly configuration: PostgresConfiguration;
  /** The schema's name. */
  readonly schema: string;
  /** Applies the schema's migrations now, rather than on first use. */
  ready(): Promise<void>;
}

/**
 * The Configuration Database in PostgreSQL, for one BES or several sharing it. Nothing is sent
 * until first use, which applies the schema's migrations (under an advisory lock, so several
 * instances starting at once are safe); a first use that fails is tried again by the next call.
 * Throws `ConfigError` naming `schema` for a name that is not lower case letters, digits and `_`.
 */
export function createPostgresConfigurationDatabase(
  options: PostgresConfigurationDatabaseOptions,
): PostgresConfigurationDatabase {
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const connection = new PostgresConnection(options.client, 'PostgresConfigurationDatabase');
  let migrated: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    migrated ??= migrate(connection, schema).catch((error: unknown) => {
      migrated = undefined;
      throw error;
    });
    return migrated;
  };
  return {
    sessions: new PostgresSessionStore(new PostgresConnection(options.client, 'PostgresSessionStore'), schema, ready),
    permissions: new PostgresPermissionStore(
      new PostgresConnection(options.client, 'PostgresPermissionStore'),
      schema,
      ready,
    ),
    configuration: new PostgresConfiguration(
      new PostgresConnection(options.client, 'PostgresConfiguration'),
      schema,
      ready,
    ),
    schema,
    ready,
  };
}
