import type { IdleLogout } from '../session/admission.js';
import type { SessionRecord } from '../session/session-record.js';
import type { ClosingSession, StoredCloseReason } from '../session/session-store.js';

/** The columns of a session row, in `SessionRecord`'s order (the `closing` table has them too). */
export const RECORD_COLUMNS =
  'session_id, user_id, pin, client, connection_id, owner, created_at, last_status_at, in_coverage';

/** A session row as `pg` and PGlite return it. */
export interface SessionRow {
  readonly session_id: string;
  readonly user_id: string;
  readonly pin: string;
  readonly client: string;
  readonly connection_id: string;
  readonly owner: string;
  readonly created_at: number;
  readonly last_status_at: number;
  readonly in_coverage: boolean;
}

/** A `closing` row: the session's columns, why, and for an idle logout why it counted as idle. */
export interface ClosingRow extends SessionRow {
  readonly reason: StoredCloseReason;
  readonly idle: IdleLogout['reason'] | null;
}

/** The record of a row: exactly the record's fields, frozen. */
export function toRecord(row: SessionRow): SessionRecord {
  return Object.freeze({
    sessionId: row.session_id,
    userId: row.user_id,
    pin: row.pin,
    client: row.client,
    connectionId: row.connection_id,
    owner: row.owner,
    createdAt: Number(row.created_at),
    lastStatusAt: Number(row.last_status_at),
    inCoverage: row.in_coverage,
  });
}

export function toClosing(row: ClosingRow): ClosingSession {
  const record = toRecord(row);
  return row.idle === null ? { record, reason: row.reason } : { record, reason: row.reason, idle: row.idle };
}

/** A record's values for `RECORD_COLUMNS`, as `$n` parameters from `$from` on. */
export function recordValues(record: SessionRecord): unknown[] {
  return [
    record.sessionId,
    record.userId,
    record.pin,
    record.client,
    record.connectionId,
    record.owner,
    record.createdAt,
    record.lastStatusAt,
    record.inCoverage,
  ];
}

/**
 * The idle candidates, as admission and `idleCandidates` read them: every session out of coverage,
 * then the sessions in coverage silent since `$1`, oldest status first, at most `$2` (NULL: all).
 * Each half reads its own partial index in order, so the query stops at the limit or the cutoff.
 */
export function idleCandidatesSql(schema: string): string {
  return `SELECT ${RECORD_COLUMNS} FROM (
  (SELECT 0 AS grp, ${RECORD_COLUMNS} FROM "${schema}".sessions WHERE NOT in_coverage ORDER BY last_status_at, session_id LIMIT $2)
  UNION ALL
  (SELECT 1 AS grp, ${RECORD_COLUMNS} FROM "${schema}".sessions WHERE in_coverage AND last_status_at <= $1 ORDER BY last_status_at, session_id LIMIT $2)
) AS idle ORDER BY grp, last_status_at, session_id LIMIT $2`;
}

/** Reasons the device is told the next time it talks. */
export const TOLD: ReadonlySet<StoredCloseReason> = new Set([
  'idle-logout',
  'inactivity-logout',
  'server-closed',
  'owner-lost',
]);
