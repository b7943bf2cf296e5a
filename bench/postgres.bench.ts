/**
 * Benchmark 6, the Configuration Database on PostgreSQL (`bes-collab/postgres`).
 *
 * - Admission cost at 1,000 vs 1,000,000 sessions held (target: at most 2x), on a PostgreSQL server
 *   the benchmark starts itself: one `admit` with room (one statement: the count's row lock, the
 *   lapsed reservations, the counts, the reservation) plus the `release` after it; one `admit` at
 *   the maximum with an idle timeout and nothing idle (Server Busy, one statement too); and one at
 *   the maximum that logs out the one idle session (the transaction that reads the candidates),
 *   with the insert of that session, the end of its close and the release. The store alone, so
 *   the figure is the database's, not the crypto's.
 * - Logins per second through whole pipelines, with 1, 2 and 4 BES instances in this process on
 *   one store: PostgreSQL (a pool each), PGlite (one in-process database) and in memory.
 *
 * Without PostgreSQL's programs (apt-get install postgresql) the server's figures are skipped.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Device, SessionStore } from '../src/index.js';
import type { PostgresClient } from '../src/postgres/index.js';
import { type PostgresServer, postgresPrograms, startPostgresServer } from '../test/support/postgres-server.js';
import { check } from './fixture.js';
import { lib, postgresLib } from './lib.js';
import { bestOfAsync, count, microseconds, quick, verdict } from './measure.js';

const { InMemorySessionStore, VirtualClock, createBes } = lib;
const { createPostgresConfigurationDatabase } = postgresLib;

const TARGET_RATIO = 2;
const IDLE_TIMEOUT_MS = 15 * 60_000;
/** Every held session's last status: fresh at `NOW`, so none is idle. */
const FRESH = 1e9;
const NOW = FRESH + 1_000;

let schemas = 0;

/** A fresh schema on `client` holding `held` sessions, filled in one statement on the server. */
async function filled(client: PostgresClient, held: number) {
  const db = createPostgresConfigurationDatabase({ client, schema: `bench_${++schemas}` });
  await db.ready();
  const s = db.schema;
  await client.query(
    `INSERT INTO "${s}".sessions SELECT 'held-' || i, 'held' || i, upper(to_hex(1073741824 + i)), 'sametime', 'held-' || i,
       'bench-elsewhere', 0, $1, true FROM generate_series(0, $2 - 1) AS i`,
    [FRESH, held],
  );
  await client.query(`ANALYZE "${s}".sessions`);
  check((await db.sessions.count()) === held, `the store holds ${held} sessions`);
  return db;
}

async function admissionCost(server: PostgresServer): Promise<void> {
  const small = 1_000;
  const large = quick ? 50_000 : 1_000_000;
  const mode = quick ? ` (quick: ${count(large)} in place of 1,000,000)` : '';
  console.log(
    `\n6a. admission on PostgreSQL: one admit, the store alone, ${count(small)} vs ${count(large)} sessions held${mode}`,
  );
  const pool = new pg.Pool({ ...server.connection, max: 2 });
  try {
    const figures = new Map<number, Record<'room' | 'busy' | 'idle', number>>();
    let n = 0;
    for (const held of [small, large]) {
      const { sessions } = await filled(pool, held);
      const request = (maxSessions: number, idleTimeoutMs?: number) => ({
        reservationId: `bench/reservation-${++n}`,
        owner: 'bench',
        pin: (0x2000_0000 + n).toString(16).toUpperCase(),
        now: NOW,
        leaseUntil: NOW + 60_000,
        rules: idleTimeoutMs === undefined ? { maxSessions } : { maxSessions, idleTimeoutMs },
        sessionLimit: 10_000_000,
      });
      const iterations = quick ? 30 : 300;
      figures.set(
        held,
        await bestOfAsync(
          {
            room: async () => {
              const r = request(held + 1_000_000);
              check((await sessions.admit(r)).admitted, 'a login with room was admitted');
              await sessions.release(r.reservationId);
            },
            busy: async () => {
              const result = await sessions.admit(request(held, IDLE_TIMEOUT_MS));
              check(!result.admitted && result.status === 'server-busy', 'a login at the maximum was Server Busy');
            },
            idle: async () => {
              const victim = `idle-${++n}`;
              const pin = (0x3000_0000 + n).toString(16).toUpperCase();
              await sessions.insert({
                sessionId: victim,
                userId: victim,
                pin,
                client: 'sametime',
                connectionId: victim,
                owner: 'bench-elsewhere',
                createdAt: 0,
                lastStatusAt: 0,
                inCoverage: true,
              });
              const r = request(held + 1, IDLE_TIMEOUT_MS);
              const result = await sessions.admit(r);
              check(
                result.admitted && result.evicted.length === 1,
                'a login at the maximum logged the idle session out',
              );
              await sessions.finishClose(victim);
              await sessions.release(r.reservationId);
            },
          },
          { warmup: iterations / 3, iterations, rounds: 3 },
        ),
      );
    }
    const rows = [
      ['admitted with room: admit + release', 'room'],
      ['at the maximum, nothing idle: Server Busy', 'busy'],
      ['at the maximum, logs the idle one out (+ insert, close)', 'idle'],
    ] as const;
    for (const [name, key] of rows) {
      const at1k = figures.get(small)![key];
      const atLarge = figures.get(large)![key];
      const ratio = atLarge / at1k;
      console.log(
        `  ${name.padEnd(56)} ${microseconds(at1k).padStart(10)} at ${count(small)}  ${microseconds(atLarge).padStart(10)} at ${count(large)}` +
          `  ${ratio.toFixed(2)}x (target: at most ${TARGET_RATIO}x) ${verdict(ratio <= TARGET_RATIO)}`,
      );
    }
  } finally {
    await pool.end();
  }
}

/** Logs in `logins` devices spread over the instances, 16 at a time per instance; logins per second. */
async function loginRate(stores: readonly SessionStore[], logins: number): Promise<number> {
  const per = Math.floor(logins / stores.length);
  const instances = stores.map((sessions, k) => {
    const users = Array.from({ length: per }, (_, i) => ({
      userId: `user${k * per + i}`,
      password: `pw${k * per + i}`,
    }));
    const bes = createBes({
      seed: 50 + k,
      clock: new VirtualClock(),
      users,
      sessions,
      config: { instanceId: `bes-${k}`, sametime: { sessionLimit: 100_000 } },
    });
    const devices = users.map((user, i): [Device, typeof user] => {
      const activated = bes.activateDevice({
        pin: (0x2100_0000 + k * per + i).toString(16).toUpperCase(),
        userId: user.userId,
        activationPassword: user.password,
      });
      if (!activated.ok) throw new Error(`bench: a device did not activate (${activated.code})`);
      return [activated.device, user];
    });
    return { bes, devices };
  });
  const start = process.hrtime.bigint();
  await Promise.all(
    instances.map(async ({ devices }) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < devices.length) {
            const [device, user] = devices[next++]!;
            const reply = await device.login(user);
            check(reply.status === 'accepted', `a login was ${reply.status}`);
          }
        }),
      );
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const { bes } of instances) bes.stop();
  check((await stores[0]!.count()) === per * stores.length, 'every login left one session');
  return (per * stores.length) / seconds;
}

async function loginsPerSecond(server: PostgresServer | undefined): Promise<void> {
  const logins = quick ? 200 : 2_000;
  const counts = [1, 2, 4];
  console.log(
    `\n6b. logins per second, ${count(logins)} logins through whole pipelines, BES instances in this process sharing one store`,
  );
  console.log(
    '  (one process: the instances share its CPU, so more instances show what the store lets through, not more cores)',
  );
  const pglite = await PGlite.create();
  const pools: pg.Pool[] = [];
  const kinds: [string, ((k: number) => Promise<SessionStore[]>) | undefined][] = [
    [
      'in memory',
      async (k) => {
        const store = new InMemorySessionStore();
        return Array.from({ length: k }, () => store);
      },
    ],
    [
      'PGlite (in-process)',
      async (k) => {
        const schema = `bench_${++schemas}`;
        return Array.from(
          { length: k },
          () => createPostgresConfigurationDatabase({ client: pglite, schema }).sessions,
        );
      },
    ],
    [
      'PostgreSQL (a pool of 4 each)',
      server === undefined
        ? undefined
        : async (k) => {
            const schema = `bench_${++schemas}`;
            return Array.from({ length: k }, () => {
              const pool = new pg.Pool({ ...server.connection, max: 4 });
              pools.push(pool);
              return createPostgresConfigurationDatabase({ client: pool, schema }).sessions;
            });
          },
    ],
  ];
  // Untimed: compile the login path first, so the first figure is not the one that pays for the JIT.
  await loginRate([new InMemorySessionStore()], logins);
  console.log(
    `  ${'store'.padEnd(30)}${counts.map((k) => `${k} instance${k === 1 ? '' : 's'}`.padStart(14)).join('')}`,
  );
  try {
    for (const [name, make] of kinds) {
      if (make === undefined) {
        console.log(
          `  ${name.padEnd(30)}  skipped: ${postgresPrograms
            .map((p) => p.missing)
            .filter(Boolean)
            .join('; ')}`,
        );
        continue;
      }
      // Untimed too: the store's first schema, and for PGlite its WebAssembly, warm up first.
      await loginRate(await make(1), logins / 4);
      const rates: number[] = [];
      for (const k of counts) rates.push(await loginRate(await make(k), logins));
      console.log(`  ${name.padEnd(30)}${rates.map((r) => `${count(Math.round(r))}/s`.padStart(14)).join('')}`);
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
    await pglite.close();
  }
}

export async function run(): Promise<void> {
  const present = postgresPrograms.every((p) => p.path !== undefined);
  const server = present ? await startPostgresServer() : undefined;
  try {
    if (server === undefined)
      console.log(
        `\n6a. admission on PostgreSQL: skipped (${postgresPrograms
          .map((p) => p.missing)
          .filter(Boolean)
          .join('; ')})`,
      );
    else await admissionCost(server);
    await loginsPerSecond(server);
  } finally {
    await server?.stop();
  }
}
