/**
 * Benchmark 4's measurements, run by `memory.bench.ts` in a child process started with
 * `--expose-gc`, so that heap figures are taken after full collections. Prints its own lines.
 */
import type { SessionRecord } from '../src/index.js';
import type { SametimeSession } from '../src/sametime/index.js';
import { lib, sametimeLib } from './lib.js';
import { check, pinOf } from './fixture.js';
import { count, quick, verdict } from './measure.js';

const { InMemorySessionStore, VirtualClock, createRandom } = lib;
const { SametimeAdapter, SametimeServer } = sametimeLib;

const TARGET_BYTES = 1024;

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('bench: memory.child.ts needs node --expose-gc');

/** Heap in use after two full collections (the second picks up what finalisers freed). */
function heapUsed(): number {
  collect!();
  collect!();
  return process.memoryUsage().heapUsed;
}

/** A session as the Collaboration Service caches it: its own strings, as a login would bring them. */
function record(i: number): SessionRecord {
  return {
    sessionId: `session-${i + 1}`,
    userId: `user${i}@example.com`,
    pin: pinOf(i),
    client: 'sametime',
    connectionId: `st-${i + 1}`,
    owner: 'bes-1',
    createdAt: i,
    lastStatusAt: i,
    inCoverage: true,
  };
}

async function cache(n: number): Promise<{ perSession: number; perRecord: number }> {
  // The records alone, in an array: what the cache holds before any index.
  let before = heapUsed();
  let records: SessionRecord[] | undefined = Array.from({ length: n }, (_, i) => Object.freeze(record(i)));
  const perRecord = (heapUsed() - before) / n;
  check(records.length === n, 'records');
  records = undefined;

  before = heapUsed();
  const store = new InMemorySessionStore();
  for (let i = 0; i < n; i++) await store.insert(record(i));
  const perSession = (heapUsed() - before) / n;
  check((await store.count()) === n, 'the store does not hold every session');
  return { perSession, perRecord };
}

/** Heap per open Sametime session: the adapter's session, the in-process link, the server's connection. */
async function sametime(n: number): Promise<number> {
  const clock = new VirtualClock();
  const users = Array.from({ length: 100 }, (_, i) => [`user${i}`, `pw${i}`] as const);
  const server = new SametimeServer({ clock, random: createRandom('bench/memory/server'), capacity: n + 1, users });
  const adapter = new SametimeAdapter({
    connector: server.connector(),
    clock,
    random: createRandom('bench/memory/adapter'),
    host: 'st',
    sessionLimit: n,
  });
  // One login first, so that the costs paid once (shared keys, JIT) are not counted per session.
  const first = await adapter.login({ userId: 'user0', password: 'pw0', pin: pinOf(0) });
  check(first.ok, 'the first Sametime login failed');
  const before = heapUsed();
  const sessions: SametimeSession[] = [];
  for (let i = 1; i <= n; i++) {
    const [userId, password] = users[i % users.length]!;
    const result = await adapter.login({ userId, password, pin: pinOf(i) });
    if (!result.ok) throw new Error(`bench: Sametime login ${i} failed: ${result.failure.reason}`);
    sessions.push(result.session);
  }
  const perSession = (heapUsed() - before) / n;
  check(server.openSessionCount === n + 1 && sessions.length === n, 'the server does not hold every session');
  return perSession;
}

const sessionsHeld = quick ? 20_000 : 1_000_000;
const sametimeSessions = quick ? 5_000 : 1_000_000;
const mode = quick ? ` (quick: ${count(sessionsHeld)} in place of 1,000,000)` : '';
console.log(`\n4. memory: heap per session, after full collections (node --expose-gc)${mode}`);
const { perSession, perRecord } = await cache(sessionsHeld);
console.log(
  `  connectivity cache (InMemorySessionStore), ${count(sessionsHeld)} sessions: ${count(perSession)} bytes per session` +
    ` (target: at most ${TARGET_BYTES}) ${verdict(perSession <= TARGET_BYTES)}`,
);
console.log(
  `    of which the record and its strings ${count(perRecord)}, the index (by id, by PIN, status order) ${count(perSession - perRecord)}`,
);
const perSametime = await sametime(sametimeSessions);
console.log(
  `  simulated Sametime, ${count(sametimeSessions)} open sessions: ${count(perSametime)} bytes per session` +
    ' (adapter session + in-process link + server connection; not part of the cache, no target)',
);
