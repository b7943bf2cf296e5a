import { ConfigError } from '../config/config-error.js';
import type { PostgresConnection, PostgresQueryable } from './postgres-client.js';

/** The schema the Configuration Database lives in when none is named. */
export const DEFAULT_SCHEMA = 'bes_collab';

/** A schema name safe to write into SQL as it is: lower case letters, digits and underscores. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError(
      `invalid Configuration Database: schema: ${JSON.stringify(schema)} must be lower case letters, digits and underscores, at most 63`,
      ['schema'],
    );
  }
  return schema;
}

/** One step of the schema, applied once, in order, recorded in `<schema>.migrations`. */
interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: (schema: string) => string;
}

/**
 * The schema, step by step. Never edit a step that shipped: add the next one.
 *
 * Indexes: sessions by id (primary key), by PIN (unique), by owner; the idle candidates come from
 * two partial indexes on the last status time (in coverage, out of coverage), so admission reads
 * the oldest first and stops; the session count is a counter row kept by a statement trigger, so
 * admission never counts a million rows. Reservations and closes are logins and closes under way:
 * few rows, counted as they are (lease and owner indexed).
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'sessions, reservations, closes, notices, coverage, instance leases, permissions, configuration',
    sql: (s) => `
CREATE TABLE "${s}".sessions (
  session_id text PRIMARY KEY,
  user_id text NOT NULL,
  pin text NOT NULL UNIQUE,
  client text NOT NULL,
  connection_id text NOT NULL,
  owner text NOT NULL,
  created_at double precision NOT NULL,
  last_status_at double precision NOT NULL,
  in_coverage boolean NOT NULL
);
CREATE INDEX sessions_idle_in_coverage ON "${s}".sessions (last_status_at, session_id) WHERE in_coverage;
CREATE INDEX sessions_out_of_coverage ON "${s}".sessions (last_status_at, session_id) WHERE NOT in_coverage;
CREATE INDEX sessions_owner ON "${s}".sessions (owner);

CREATE TABLE "${s}".session_count (
  id integer PRIMARY KEY CHECK (id = 1),
  sessions bigint NOT NULL
);
INSERT INTO "${s}".session_count VALUES (1, 0);
CREATE FUNCTION "${s}".count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "${s}".session_count SET sessions = sessions + (SELECT count(*) FROM inserted) WHERE id = 1;
  RETURN NULL;
END $$;
CREATE FUNCTION "${s}".count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "${s}".session_count SET sessions = sessions - (SELECT count(*) FROM deleted) WHERE id = 1;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_inserted AFTER INSERT ON "${s}".sessions
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "${s}".count_inserted();
CREATE TRIGGER sessions_deleted AFTER DELETE ON "${s}".sessions
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION "${s}".count_deleted();

CREATE TABLE "${s}".reservations (
  reservation_id text PRIMARY KEY,
  owner text NOT NULL,
  pin text NOT NULL,
  lease_until double precision NOT NULL
);
CREATE INDEX reservations_lease ON "${s}".reservations (lease_until);
CREATE INDEX reservations_owner ON "${s}".reservations (owner);

CREATE TABLE "${s}".closing (
  session_id text PRIMARY KEY,
  begun bigint GENERATED ALWAYS AS IDENTITY,
  user_id text NOT NULL,
  pin text NOT NULL,
  client text NOT NULL,
  connection_id text NOT NULL,
  owner text NOT NULL,
  created_at double precision NOT NULL,
  last_status_at double precision NOT NULL,
  in_coverage boolean NOT NULL,
  reason text NOT NULL,
  idle text,
  evicted_for text
);
CREATE INDEX closing_owner ON "${s}".closing (owner, begun);
CREATE INDEX closing_evicted_for ON "${s}".closing (evicted_for) WHERE evicted_for IS NOT NULL;

CREATE TABLE "${s}".notices (pin text PRIMARY KEY, reason text NOT NULL);
CREATE TABLE "${s}".out_of_coverage (pin text PRIMARY KEY);
CREATE TABLE "${s}".owners (owner text PRIMARY KEY, lease_until double precision NOT NULL);
CREATE INDEX owners_lease ON "${s}".owners (lease_until);

CREATE TABLE "${s}".permissions (user_id text NOT NULL, client text NOT NULL, PRIMARY KEY (user_id, client));

CREATE TABLE "${s}".configuration (
  id integer PRIMARY KEY CHECK (id = 1),
  max_sessions integer,
  idle_timeout_ms integer,
  inactivity_timeout_ms integer
);
INSERT INTO "${s}".configuration VALUES (1, NULL, NULL, NULL);
`,
  },
  {
    version: 2,
    description: 'admission and commit in one statement each, so the count lock is held for no round trip',
    sql: (s) => `
CREATE FUNCTION "${s}".admit_at_once(p_reservation text, p_owner text, p_pin text, p_now double precision, p_lease_until double precision,
    p_max_sessions bigint, p_session_limit bigint, p_logs_out_idle boolean) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  held bigint;
BEGIN
  SELECT c.sessions INTO held FROM "${s}".session_count c WHERE c.id = 1 FOR UPDATE;
  IF EXISTS (SELECT 1 FROM "${s}".reservations r WHERE r.reservation_id = p_reservation) THEN RETURN 'duplicate'; END IF;
  DELETE FROM "${s}".reservations r WHERE r.lease_until <= p_now;
  held := held + (SELECT count(*) FROM "${s}".reservations) + (SELECT count(*) FROM "${s}".closing)
    - (SELECT count(DISTINCT c.evicted_for) FROM "${s}".closing c
         JOIN "${s}".reservations r ON r.reservation_id = c.evicted_for WHERE c.evicted_for IS NOT NULL);
  IF p_max_sessions IS NULL THEN
    IF held >= p_session_limit THEN RETURN 'failed'; END IF;
  ELSIF held >= p_max_sessions THEN
    IF p_logs_out_idle THEN RETURN 'full'; END IF;
    RETURN 'server-busy';
  END IF;
  INSERT INTO "${s}".reservations VALUES (p_reservation, p_owner, p_pin, p_lease_until);
  RETURN 'admitted';
END $$;
CREATE FUNCTION "${s}".commit_reservation(p_reservation text, p_session_id text, p_user_id text, p_pin text, p_client text,
    p_connection_id text, p_owner text, p_created_at double precision, p_last_status_at double precision, p_in_coverage boolean)
    RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM "${s}".session_count c WHERE c.id = 1 FOR UPDATE;
  DELETE FROM "${s}".reservations r WHERE r.reservation_id = p_reservation;
  IF NOT FOUND THEN RETURN 'expired'; END IF;
  INSERT INTO "${s}".sessions VALUES (p_session_id, p_user_id, p_pin, p_client, p_connection_id, p_owner, p_created_at, p_last_status_at,
    p_in_coverage AND NOT EXISTS (SELECT 1 FROM "${s}".out_of_coverage o WHERE o.pin = p_pin));
  RETURN 'committed';
END $$;
`,
  },
  {
    version: 3,
    description: 'Server Busy at the maximum in one statement too, when no session is idle',
    // admit_at_once stays for instances still running the code before this step.
    sql: (s) => `
CREATE FUNCTION "${s}".admit_or_busy(p_reservation text, p_owner text, p_pin text, p_now double precision,
    p_lease_until double precision, p_max_sessions bigint, p_session_limit bigint, p_idle_cutoff double precision)
    RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  held bigint;
BEGIN
  SELECT c.sessions INTO held FROM "${s}".session_count c WHERE c.id = 1 FOR UPDATE;
  IF EXISTS (SELECT 1 FROM "${s}".reservations r WHERE r.reservation_id = p_reservation) THEN RETURN 'duplicate'; END IF;
  DELETE FROM "${s}".reservations r WHERE r.lease_until <= p_now;
  held := held + (SELECT count(*) FROM "${s}".reservations) + (SELECT count(*) FROM "${s}".closing)
    - (SELECT count(DISTINCT c.evicted_for) FROM "${s}".closing c
         JOIN "${s}".reservations r ON r.reservation_id = c.evicted_for WHERE c.evicted_for IS NOT NULL);
  IF p_max_sessions IS NULL THEN
    IF held >= p_session_limit THEN RETURN 'failed'; END IF;
  ELSIF held >= p_max_sessions THEN
    IF p_idle_cutoff IS NOT NULL AND (
         EXISTS (SELECT 1 FROM "${s}".sessions x WHERE NOT x.in_coverage)
      OR EXISTS (SELECT 1 FROM "${s}".sessions x WHERE x.in_coverage AND x.last_status_at <= p_idle_cutoff)) THEN
      RETURN 'full';
    END IF;
    RETURN 'server-busy';
  END IF;
  INSERT INTO "${s}".reservations VALUES (p_reservation, p_owner, p_pin, p_lease_until);
  RETURN 'admitted';
END $$;
`,
  },
  {
    version: 4,
    description: 'admit_or_busy finds an idle session by the first entry of each index, never by a scan',
    // A generic plan for EXISTS (... last_status_at <= $cutoff) may scan every session when none is idle.
    sql: (s) => `
CREATE OR REPLACE FUNCTION "${s}".admit_or_busy(p_reservation text, p_owner text, p_pin text, p_now double precision,
    p_lease_until double precision, p_max_sessions bigint, p_session_limit bigint, p_idle_cutoff double precision)
    RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  held bigint;
BEGIN
  SELECT c.sessions INTO held FROM "${s}".session_count c WHERE c.id = 1 FOR UPDATE;
  IF EXISTS (SELECT 1 FROM "${s}".reservations r WHERE r.reservation_id = p_reservation) THEN RETURN 'duplicate'; END IF;
  DELETE FROM "${s}".reservations r WHERE r.lease_until <= p_now;
  held := held + (SELECT count(*) FROM "${s}".reservations) + (SELECT count(*) FROM "${s}".closing)
    - (SELECT count(DISTINCT c.evicted_for) FROM "${s}".closing c
         JOIN "${s}".reservations r ON r.reservation_id = c.evicted_for WHERE c.evicted_for IS NOT NULL);
  IF p_max_sessions IS NULL THEN
    IF held >= p_session_limit THEN RETURN 'failed'; END IF;
  ELSIF held >= p_max_sessions THEN
    -- min() over each partial index reads its first entry, whatever plan the function's cache holds.
    IF p_idle_cutoff IS NOT NULL AND (
         (SELECT min(x.last_status_at) FROM "${s}".sessions x WHERE NOT x.in_coverage) IS NOT NULL
      OR (SELECT min(x.last_status_at) FROM "${s}".sessions x WHERE x.in_coverage) <= p_idle_cutoff) THEN
      RETURN 'full';
    END IF;
    RETURN 'server-busy';
  END IF;
  INSERT INTO "${s}".reservations VALUES (p_reservation, p_owner, p_pin, p_lease_until);
  RETURN 'admitted';
END $$;
`,
  },
];

/** The newest schema version this code knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the schema to `SCHEMA_VERSION`, in one transaction under an advisory lock on the schema's
 * name: several instances starting at once wait for each other, and the first one applies the
 * steps. A database newer than this code is left alone.
 */
export async function migrate(connection: PostgresConnection, schema: string): Promise<void> {
  await connection.transaction('migrate', async (tx: PostgresQueryable) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bes-collab schema ${schema}`]);
    await tx.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS "${schema}".migrations (version integer PRIMARY KEY, description text NOT NULL)`,
    );
    const { rows } = await tx.query(`SELECT coalesce(max(version), 0)::int AS version FROM "${schema}".migrations`);
    const applied = Number(rows[0]?.version ?? 0);
    for (const step of MIGRATIONS) {
      if (step.version <= applied) continue;
      for (const statement of splitStatements(step.sql(schema))) await tx.query(statement);
      await tx.query(`INSERT INTO "${schema}".migrations VALUES ($1, $2)`, [step.version, step.description]);
    }
  });
}

/** The statements of a step, one at a time (a parameterless multi-statement string is not portable); `$$` bodies kept whole. */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let inBody = false;
  for (const part of sql.split(/(\$\$|;)/)) {
    if (part === '$$') inBody = !inBody;
    if (part === ';' && !inBody) {
      if (current.trim() !== '') statements.push(current.trim());
      current = '';
    } else current += part;
  }
  if (current.trim() !== '') statements.push(current.trim());
  return statements;
}
