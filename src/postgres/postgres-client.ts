import { StoreError } from '../session/store-error.js';

/** What a statement answers, as `pg` and PGlite both shape it. */
export interface PostgresResult {
  /** The rows, one object per row keyed by column name. */
  // biome-ignore lint/suspicious/noExplicitAny: both pg and PGlite answer rows as `any`.
  rows: any[];
}

/** Anything that runs one SQL statement with `$1`-style parameters and answers its rows. */
export interface PostgresQueryable {
  /** Runs `text` with `params` as `$1`, `$2`, ... and answers the rows. */
  query(text: string, params?: unknown[]): Promise<PostgresResult>;
}

/** A connection lent by a pool for one transaction: `pg`'s `PoolClient`. */
export interface PostgresPoolConnection extends PostgresQueryable {
  /** Gives the connection back; with an error (or `true`), the pool closes it instead. */
  release(error?: Error | boolean): void;
  /** `pg` emits `error` on a lent connection the server drops between statements: it must be listened to. */
  on?(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops listening, before the connection goes back to the pool. */
  removeListener?(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * The client the Configuration Database runs on, as the user made it: a `pg` `Pool` (a real
 * server: each transaction on a connection of its own, from `connect()`) or a PGlite instance
 * (PostgreSQL in WebAssembly, in-process: transactions through `transaction`). A single `pg`
 * `Client` is not enough: transactions of concurrent calls would interleave on it.
 */
export interface PostgresClient extends PostgresQueryable {
  /** `pg` `Pool`: a connection of its own for a transaction. */
  connect?(): Promise<PostgresPoolConnection>;
  /** PGlite: runs `body` in one transaction, committed if it resolves, rolled back if it rejects. */
  transaction?<T>(body: (tx: PostgresQueryable) => Promise<T>): Promise<T>;
}

/** PostgreSQL's SQLSTATE for a unique constraint broken: a duplicate id or PIN. */
const UNIQUE_VIOLATION = '23505';

/** Why a statement failed, without anything the caller passed (no parameter values). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
      ? `${error.message} (SQLSTATE ${code})`
      : error.message;
  }
  return String(error);
}

/** True for PostgreSQL's unique violation, from `pg` and from PGlite alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION;
}

/**
 * One store's way to the database: statements and transactions, every failure a `StoreError`
 * naming the store and the operation (`PostgresSessionStore.admit`). A `StoreError` thrown inside
 * a transaction (a duplicate found on the way) rolls it back and passes through unchanged.
 */
export class PostgresConnection {
  readonly #client: PostgresClient;
  readonly #store: string;

  constructor(client: PostgresClient, store: string) {
    if (client.transaction === undefined && client.connect === undefined) {
      throw new TypeError('the PostgreSQL client must be a pg Pool (connect) or a PGlite instance (transaction)');
    }
    this.#client = client;
    this.#store = store;
  }

  /** A `StoreError('unavailable')` for `operation`, or `duplicate` for a unique violation. */
  failure(operation: string, error: unknown): StoreError {
    if (error instanceof StoreError) return error;
    const where = `${this.#store}.${operation}`;
    if (isUniqueViolation(error))
      return new StoreError('duplicate', `${where}: the session id or the device PIN already has a session`);
    return new StoreError('unavailable', `${where} failed: ${describe(error)}`, { cause: error });
  }

  /** One statement on its own (its own implicit transaction). */
  // biome-ignore lint/suspicious/noExplicitAny: rows as pg and PGlite answer them; each caller names its row type.
  async query(operation: string, text: string, params: unknown[] = []): Promise<any[]> {
    try {
      return (await this.#client.query(text, params)).rows;
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  /** `body` in one transaction: all of it or none of it. */
  async transaction<T>(operation: string, body: (tx: PostgresQueryable) => Promise<T>): Promise<T> {
    try {
      const client = this.#client;
      if (client.transaction !== undefined) return await client.transaction(body);
      return await this.#onConnection(client.connect!(), body);
    } catch (error) {
      throw this.failure(operation, error);
    }
  }

  async #onConnection<T>(
    connecting: Promise<PostgresPoolConnection>,
    body: (tx: PostgresQueryable) => Promise<T>,
  ): Promise<T> {
    const connection = await connecting;
    let broken: Error | undefined;
    // Without a listener, a connection the server drops mid-transaction (a restart) would end the process.
    const dropped = (error: Error): void => {
      broken = error;
    };
    connection.on?.('error', dropped);
    try {
      await connection.query('BEGIN');
      const result = await body(connection);
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await connection.query('ROLLBACK');
      } catch (rollbackFailed) {
        // The connection itself is gone: the pool must not lend it again.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      }
      throw error;
    } finally {
      connection.removeListener?.('error', dropped);
      connection.release(broken ?? false);
    }
  }
}
