import type { PermissionStore } from '../session/permission-store.js';
import type { PostgresConnection } from './postgres-client.js';

/**
 * Who may use which collaboration client, in the Configuration Database's `permissions` table: one
 * row per user and client. A user or client with no row may use nothing.
 */
export class PostgresPermissionStore implements PermissionStore {
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

  async mayUse(userId: string, client: string): Promise<boolean> {
    await this.#ready();
    const rows = await this.#db.query(
      'mayUse',
      `SELECT 1 FROM "${this.#s}".permissions WHERE user_id = $1 AND client = $2`,
      [userId, client],
    );
    return rows.length > 0;
  }

  /** Lets `userId` use `client`; granting twice is the same as once. */
  async grant(userId: string, client: string): Promise<void> {
    await this.#ready();
    await this.#db.query('grant', `INSERT INTO "${this.#s}".permissions VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      userId,
      client,
    ]);
  }

  /** Takes a client away; does nothing if the user could not use it. */
  async revoke(userId: string, client: string): Promise<void> {
    await this.#ready();
    await this.#db.query('revoke', `DELETE FROM "${this.#s}".permissions WHERE user_id = $1 AND client = $2`, [
      userId,
      client,
    ]);
  }
}
