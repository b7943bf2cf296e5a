import { ConfigError } from '../config/config-error.js';
import type { PostgresConnection } from './postgres-client.js';

/**
 * The Collaboration Service settings every instance reads from the Configuration Database: the
 * maximum number of sessions and the timeouts. An unset one is absent (no maximum, no timeout),
 * so the object spreads into `createBes`'s `config` as it is.
 */
export interface SharedSettings {
  /** Maximum simultaneous IM sessions across every instance (`config.maxSessions`). */
  readonly maxSessions?: number;
  /** Once the maximum is reached, sessions idle this long may be logged out (`config.idleTimeoutMs`). */
  readonly idleTimeoutMs?: number;
  /** Any session idle this long is logged out (`config.inactivityTimeoutMs`). */
  readonly inactivityTimeoutMs?: number;
}

const FIELDS = [
  ['maxSessions', 'max_sessions'],
  ['idleTimeoutMs', 'idle_timeout_ms'],
  ['inactivityTimeoutMs', 'inactivity_timeout_ms'],
] as const;

/** The Configuration Database's one configuration row. */
export class PostgresConfiguration {
  readonly #db: PostgresConnection;
  readonly #s: string;
  readonly #ready: () => Promise<void>;

  /**
   * Made by `createPostgresConfigurationDatabase`; `ready` applies the schema on first use.
   * @internal
   */
  constructor(connection: PostgresConnection, schema: string, ready: () => Promise<void>) {
    this.#db = connection;
    this.#s = schema;
    this.#ready = ready;
  }

  /** The settings as they are now. */
  async read(): Promise<SharedSettings> {
    await this.#ready();
    const rows = await this.#db.query(
      'read',
      `SELECT max_sessions, idle_timeout_ms, inactivity_timeout_ms FROM "${this.#s}".configuration WHERE id = 1`,
    );
    const row = (rows[0] ?? {}) as Record<string, number | null>;
    const settings: Record<string, number> = {};
    for (const [field, column] of FIELDS) {
      const value = row[column];
      if (value !== null && value !== undefined) settings[field] = Number(value);
    }
    return settings;
  }

  /**
   * Replaces the settings: a field left out is unset. Each must be a positive whole number, else
   * `ConfigError` naming it, and nothing is written. Instances read the settings when they start.
   */
  async write(settings: SharedSettings): Promise<void> {
    const values = FIELDS.map(([field]) => {
      const value = settings[field];
      if (value !== undefined && !(Number.isInteger(value) && value > 0 && value <= 2_147_483_647)) {
        throw new ConfigError(`invalid shared configuration: ${field}: must be a positive whole number`, [field]);
      }
      return value ?? null;
    });
    await this.#ready();
    await this.#db.query(
      'write',
      `UPDATE "${this.#s}".configuration SET max_sessions = $1, idle_timeout_ms = $2, inactivity_timeout_ms = $3 WHERE id = 1`,
      values,
    );
  }
}
