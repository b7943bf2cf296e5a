import { decideAdmission, idleStatusCutoff } from '../session/admission.js';
import type { AdmitRequest, AdmitResult, EvictedSession } from '../session/session-store.js';
import { StoreError } from '../session/store-error.js';
import type { PostgresConnection, PostgresQueryable } from './postgres-client.js';
import { idleCandidatesSql, RECORD_COLUMNS, type SessionRow, toRecord } from './session-rows.js';

/**
 * Takes the lock every transaction that adds or removes a session takes first: the session count's
 * row, FOR UPDATE. Admissions on every instance queue on it, so two never count at once, and
 * because it is always the first lock, those transactions never deadlock. Returns the count.
 */
export async function lockSessionCount(tx: PostgresQueryable, schema: string): Promise<number> {
  const { rows } = await tx.query(
    `SELECT sessions::int AS sessions FROM "${schema}".session_count WHERE id = 1 FOR UPDATE`,
  );
  return Number(rows[0]?.sessions ?? 0);
}

const BUSY: AdmitResult = Object.freeze({ admitted: false, status: 'server-busy', reason: 'maximum-reached' });
const FAILED: AdmitResult = Object.freeze({ admitted: false, status: 'failed', reason: 'api-limit-reached' });

/**
 * Step 4 in one statement, one round trip, for every login that logs nobody out: the database
 * function `admit_or_busy` (schema version 3) takes the count's lock, drops the lapsed
 * reservations, counts as `admitIn` does and records the reservation, or answers with
 * `decideAdmission`'s answer for a count that needs no idle candidates (below the maximum, Server
 * Busy with no idle timeout or no session idle, Failed at the API's limit). Only at the maximum
 * with a session idle does it answer `full`, and `admitIn`'s transaction reads the candidates
 * and decides.
 */
export async function admitAtOnce(
  db: PostgresConnection,
  schema: string,
  request: AdmitRequest,
): Promise<AdmitResult | 'full'> {
  const { reservationId, owner, pin, now, leaseUntil, rules, sessionLimit } = request;
  const cutoff = idleStatusCutoff(rules, now) ?? null;
  const rows = await db.query('admit', `SELECT "${schema}".admit_or_busy($1, $2, $3, $4, $5, $6, $7, $8) AS outcome`, [
    reservationId,
    owner,
    pin,
    now,
    leaseUntil,
    rules.maxSessions ?? null,
    sessionLimit,
    cutoff,
  ]);
  const outcome = (rows[0] as { outcome: string } | undefined)?.outcome;
  if (outcome === 'admitted') return { admitted: true, evicted: [] };
  if (outcome === 'server-busy') return BUSY;
  if (outcome === 'failed') return FAILED;
  if (outcome === 'full') return 'full';
  if (outcome === 'duplicate') throw new StoreError('duplicate', `reservation ${reservationId} already exists`);
  throw new StoreError('unavailable', `PostgresSessionStore.admit failed: the database answered ${String(outcome)}`);
}

/**
 * Step 4 in one transaction, the in-memory store's rule exactly: drops the reservations whose lease
 * has passed, counts sessions + live reservations + closes under way, less the reservations whose
 * slot is that of a session they logged out; when full, reads the idle candidates, applies
 * `decideAdmission`, moves the sessions it logs out to closing (for this reservation) and records
 * the reservation. Every time is the request's, from the BES clock.
 */
export async function admitIn(tx: PostgresQueryable, schema: string, request: AdmitRequest): Promise<AdmitResult> {
  const { reservationId, owner, pin, now, leaseUntil, rules, sessionLimit } = request;
  const s = schema;
  const sessions = await lockSessionCount(tx, s);
  const taken = await tx.query(`SELECT 1 FROM "${s}".reservations WHERE reservation_id = $1`, [reservationId]);
  if (taken.rows.length > 0) throw new StoreError('duplicate', `reservation ${reservationId} already exists`);
  await tx.query(`DELETE FROM "${s}".reservations WHERE lease_until <= $1`, [now]);
  const { rows } = await tx.query(
    `SELECT (SELECT count(*) FROM "${s}".reservations)::int AS reservations,
            (SELECT count(*) FROM "${s}".closing)::int AS closing,
            (SELECT count(DISTINCT c.evicted_for) FROM "${s}".closing c
               JOIN "${s}".reservations r ON r.reservation_id = c.evicted_for
              WHERE c.evicted_for IS NOT NULL)::int AS passed_on`,
  );
  const counts = rows[0] as { reservations: number; closing: number; passed_on: number };
  const held = sessions + Number(counts.reservations) + Number(counts.closing) - Number(counts.passed_on);
  const full = rules.maxSessions !== undefined && held >= rules.maxSessions;
  const cutoff = idleStatusCutoff(rules, now);
  const idleCandidates =
    full && cutoff !== undefined
      ? (await tx.query(idleCandidatesSql(s), [cutoff, null])).rows.map((row: SessionRow) => toRecord(row))
      : [];
  const decision = decideAdmission({ rules, now, sessions: held, idleCandidates, sessionLimit });
  if (!decision.admit) return { admitted: false, status: decision.status, reason: decision.reason };

  const evicted: EvictedSession[] = [];
  if (decision.logout.length > 0) {
    const ids = decision.logout.map((l) => l.sessionId);
    const reasons = decision.logout.map((l) => l.reason);
    const moved = await tx.query(
      `WITH chosen AS (SELECT * FROM unnest($1::text[], $2::text[]) AS c(session_id, idle)),
            gone AS (DELETE FROM "${s}".sessions s USING chosen WHERE s.session_id = chosen.session_id
                     RETURNING s.*, chosen.idle)
       INSERT INTO "${s}".closing (${RECORD_COLUMNS}, reason, idle, evicted_for)
       SELECT ${RECORD_COLUMNS}, 'idle-logout', idle, $3 FROM gone
       RETURNING ${RECORD_COLUMNS}, idle`,
      [ids, reasons, reservationId],
    );
    const byId = new Map(
      moved.rows.map((row: SessionRow & { idle: EvictedSession['reason'] }) => [row.session_id, row]),
    );
    for (const { sessionId } of decision.logout) {
      const row = byId.get(sessionId);
      if (row !== undefined) evicted.push({ record: toRecord(row), reason: row.idle });
    }
    await tx.query(
      `INSERT INTO "${s}".notices (pin, reason) SELECT unnest($1::text[]), 'idle-logout'
       ON CONFLICT (pin) DO UPDATE SET reason = EXCLUDED.reason`,
      [evicted.map((e) => e.record.pin)],
    );
  }
  await tx.query(`INSERT INTO "${s}".reservations VALUES ($1, $2, $3, $4)`, [reservationId, owner, pin, leaseUntil]);
  return { admitted: true, evicted };
}
