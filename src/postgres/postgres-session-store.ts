import type { SessionRecord } from '../session/session-record.js';
import { checkTime } from '../session/session-index.js';
import type {
  AdmitRequest,
  AdmitResult,
  ClosingSession,
  SessionStore,
  StoredCloseReason,
} from '../session/session-store.js';
import { StoreError } from '../session/store-error.js';
import { admitAtOnce, admitIn, lockSessionCount } from './postgres-admission.js';
import type { PostgresConnection } from './postgres-client.js';
import {
  type ClosingRow,
  idleCandidatesSql,
  RECORD_COLUMNS,
  recordValues,
  type SessionRow,
  TOLD,
  toClosing,
  toRecord,
} from './session-rows.js';

const RECORD_PARAMS = '$1, $2, $3, $4, $5, $6, $7, $8, $9';

/**
 * The Configuration Database's connectivity cache in PostgreSQL, shared by every BES instance that
 * opens the same database and schema. Each method is one statement or one transaction; those that
 * add or remove sessions lock the session count's row first, so admission is atomic across
 * instances and they never deadlock. Times are the caller's (the BES clock), never `now()`.
 *
 * Closes begun elsewhere reach their owner by polling: the store has no `watchCloses` and no
 * `untilClosed`, so the owner looks at `closingOwnedBy` every `closePollMs` and a waiting login at
 * `isClosing`. Polling reads what the database holds, so a close begun while an instance was
 * cut off from the database is still found once it is back, and it works on PGlite and `pg` alike.
 */
export class PostgresSessionStore implements SessionStore {
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

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    checkTime('now', request.now);
    checkTime('leaseUntil', request.leaseUntil);
    await this.#ready();
    const atOnce = await admitAtOnce(this.#db, this.#s, request);
    if (atOnce !== 'full') return atOnce;
    return this.#db.transaction('admit', (tx) => admitIn(tx, this.#s, request));
  }

  async commit(reservationId: string, record: SessionRecord): Promise<'committed' | 'expired'> {
    checkRecordTimes(record);
    await this.#ready();
    // One statement (schema version 2): the count's lock, the reservation out, the session in; coverage reported before holds.
    const rows = await this.#db.query(
      'commit',
      `SELECT "${this.#s}".commit_reservation($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS outcome`,
      [reservationId, ...recordValues(record)],
    );
    return (rows[0] as { outcome: 'committed' | 'expired' }).outcome;
  }

  async release(reservationId: string): Promise<void> {
    await this.#ready();
    await this.#db.query('release', `DELETE FROM "${this.#s}".reservations WHERE reservation_id = $1`, [reservationId]);
  }

  async count(): Promise<number> {
    await this.#ready();
    const rows = await this.#db.query(
      'count',
      `SELECT sessions::int AS sessions FROM "${this.#s}".session_count WHERE id = 1`,
    );
    return Number(rows[0]?.sessions ?? 0);
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#one('get', `SELECT ${RECORD_COLUMNS} FROM "${this.#s}".sessions WHERE session_id = $1`, [sessionId]);
  }

  async getByPin(pin: string): Promise<SessionRecord | undefined> {
    return this.#one('getByPin', `SELECT ${RECORD_COLUMNS} FROM "${this.#s}".sessions WHERE pin = $1`, [pin]);
  }

  async insert(record: SessionRecord): Promise<void> {
    checkRecordTimes(record);
    await this.#ready();
    const s = this.#s;
    await this.#db.transaction('insert', async (tx) => {
      await lockSessionCount(tx, s);
      await tx.query(`INSERT INTO "${s}".sessions (${RECORD_COLUMNS}) VALUES (${RECORD_PARAMS})`, recordValues(record));
    });
  }

  async touch(sessionId: string, at: number): Promise<SessionRecord | undefined> {
    checkTime('at', at);
    return this.#one(
      'touch',
      `UPDATE "${this.#s}".sessions SET last_status_at = $2 WHERE session_id = $1 RETURNING ${RECORD_COLUMNS}`,
      [sessionId, at],
    );
  }

  async setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined> {
    await this.#ready();
    const s = this.#s;
    return this.#db.transaction('setCoverage', async (tx) => {
      if (inCoverage) await tx.query(`DELETE FROM "${s}".out_of_coverage WHERE pin = $1`, [pin]);
      else await tx.query(`INSERT INTO "${s}".out_of_coverage VALUES ($1) ON CONFLICT DO NOTHING`, [pin]);
      const { rows } = await tx.query(
        `UPDATE "${s}".sessions SET in_coverage = $2 WHERE pin = $1 RETURNING ${RECORD_COLUMNS}`,
        [pin, inCoverage],
      );
      return rows[0] === undefined ? undefined : toRecord(rows[0] as SessionRow);
    });
  }

  async remove(sessionId: string): Promise<SessionRecord | undefined> {
    await this.#ready();
    const s = this.#s;
    return this.#db.transaction('remove', async (tx) => {
      await lockSessionCount(tx, s);
      const closing = await tx.query(`DELETE FROM "${s}".closing WHERE session_id = $1 RETURNING ${RECORD_COLUMNS}`, [
        sessionId,
      ]);
      if (closing.rows[0] !== undefined) return toRecord(closing.rows[0] as SessionRow);
      const { rows } = await tx.query(`DELETE FROM "${s}".sessions WHERE session_id = $1 RETURNING ${RECORD_COLUMNS}`, [
        sessionId,
      ]);
      return rows[0] === undefined ? undefined : toRecord(rows[0] as SessionRow);
    });
  }

  async idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]> {
    if (Number.isNaN(statusBefore)) throw new StoreError('bad-time', 'statusBefore must be a time, got NaN');
    if (!(limit > 0)) return [];
    await this.#ready();
    const bounded = Number.isFinite(limit) && limit < Number.MAX_SAFE_INTEGER ? Math.ceil(limit) : null;
    const rows = await this.#db.query('idleCandidates', idleCandidatesSql(this.#s), [statusBefore, bounded]);
    return rows.map((row: SessionRow) => toRecord(row));
  }

  async beginClose(sessionId: string, reason: StoredCloseReason): Promise<SessionRecord | undefined> {
    await this.#ready();
    const s = this.#s;
    return this.#db.transaction('beginClose', async (tx) => {
      await lockSessionCount(tx, s);
      const { rows } = await tx.query(
        `WITH gone AS (DELETE FROM "${s}".sessions WHERE session_id = $1 RETURNING *)
         INSERT INTO "${s}".closing (${RECORD_COLUMNS}, reason) SELECT ${RECORD_COLUMNS}, $2 FROM gone
         RETURNING ${RECORD_COLUMNS}`,
        [sessionId, reason],
      );
      if (rows[0] === undefined) return undefined;
      const record = toRecord(rows[0] as SessionRow);
      if (TOLD.has(reason)) {
        await tx.query(
          `INSERT INTO "${s}".notices VALUES ($1, $2) ON CONFLICT (pin) DO UPDATE SET reason = EXCLUDED.reason`,
          [record.pin, reason],
        );
      } else await tx.query(`DELETE FROM "${s}".notices WHERE pin = $1`, [record.pin]);
      return record;
    });
  }

  async finishClose(sessionId: string): Promise<void> {
    await this.#ready();
    await this.#db.query('finishClose', `DELETE FROM "${this.#s}".closing WHERE session_id = $1`, [sessionId]);
  }

  async closingOwnedBy(owner: string): Promise<readonly ClosingSession[]> {
    await this.#ready();
    const rows = await this.#db.query(
      'closingOwnedBy',
      `SELECT ${RECORD_COLUMNS}, reason, idle FROM "${this.#s}".closing WHERE owner = $1 ORDER BY begun`,
      [owner],
    );
    return rows.map((row: ClosingRow) => toClosing(row));
  }

  async isClosing(sessionId: string): Promise<boolean> {
    await this.#ready();
    const rows = await this.#db.query('isClosing', `SELECT 1 FROM "${this.#s}".closing WHERE session_id = $1`, [
      sessionId,
    ]);
    return rows.length > 0;
  }

  async takeNotice(pin: string): Promise<StoredCloseReason | undefined> {
    await this.#ready();
    const rows = await this.#db.query(
      'takeNotice',
      `DELETE FROM "${this.#s}".notices WHERE pin = $1 RETURNING reason`,
      [pin],
    );
    return (rows[0] as { reason: StoredCloseReason } | undefined)?.reason;
  }

  async renewOwner(owner: string, leaseUntil: number): Promise<void> {
    checkTime('leaseUntil', leaseUntil);
    await this.#ready();
    await this.#db.query(
      'renewOwner',
      `INSERT INTO "${this.#s}".owners VALUES ($1, $2) ON CONFLICT (owner) DO UPDATE SET lease_until = EXCLUDED.lease_until`,
      [owner, leaseUntil],
    );
  }

  async reapOwners(now: number): Promise<readonly SessionRecord[]> {
    checkTime('now', now);
    await this.#ready();
    const s = this.#s;
    return this.#db.transaction('reapOwners', async (tx) => {
      const lapsed = await tx.query(`SELECT owner FROM "${s}".owners WHERE lease_until <= $1`, [now]);
      if (lapsed.rows.length === 0) return [];
      await lockSessionCount(tx, s);
      const dead = await tx.query(`DELETE FROM "${s}".owners WHERE lease_until <= $1 RETURNING owner`, [now]);
      const owners = dead.rows.map((row: { owner: string }) => row.owner);
      const { rows } = await tx.query(
        `DELETE FROM "${s}".sessions WHERE owner = ANY($1::text[]) RETURNING ${RECORD_COLUMNS}`,
        [owners],
      );
      const reaped = rows.map((row: SessionRow) => toRecord(row));
      await tx.query(
        `INSERT INTO "${s}".notices (pin, reason) SELECT unnest($1::text[]), 'owner-lost'
         ON CONFLICT (pin) DO UPDATE SET reason = EXCLUDED.reason`,
        [reaped.map((r: SessionRecord) => r.pin)],
      );
      await tx.query(`DELETE FROM "${s}".closing WHERE owner = ANY($1::text[])`, [owners]);
      await tx.query(`DELETE FROM "${s}".reservations WHERE owner = ANY($1::text[])`, [owners]);
      return reaped;
    });
  }

  async #one(operation: string, text: string, params: unknown[]): Promise<SessionRecord | undefined> {
    await this.#ready();
    const rows = await this.#db.query(operation, text, params);
    return rows[0] === undefined ? undefined : toRecord(rows[0] as SessionRow);
  }
}

function checkRecordTimes(record: SessionRecord): void {
  checkTime('createdAt', record.createdAt);
  checkTime('lastStatusAt', record.lastStatusAt);
}
