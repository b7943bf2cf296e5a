/**
 * Benchmark 3, admission at capacity: what one login costs when the maximum number of sessions is
 * reached, with 1,000 and with 1,000,000 sessions held. Target: the 1M figure at most 2x the 1k one.
 *
 * - Rejected: every held session is fresh, so the login is answered Server Busy after asking the
 *   store for idle sessions (there are none).
 * - Logs out an idle session: exactly one held session is idle when each login arrives; the login
 *   logs it out (closing its Sametime connection) and takes its place.
 * - After churn: the same ten PINs have logged in and out 100,000 times at the maximum; a login
 *   takes the slot a logout freed. Target for it: at most 1.5x (the 1M store must not slow down
 *   with the deleted entries churn leaves).
 *
 * Each figure is one whole login through the pipeline (device to Sametime and back, crypto
 * included), timed alone. The sessions that only fill the store to N are inserted straight into the
 * `InMemorySessionStore` given to `createBes`, with no Sametime connection behind them; the idle
 * sessions the measured logins log out are real, logged in through the pipeline beforehand.
 */
import type { SessionStore } from '../src/index.js';
import { lib } from './lib.js';
import { check, loginRig, pinOf, userOf } from './fixture.js';
import { count, microseconds, quick, verdict } from './measure.js';

const { InMemorySessionStore } = lib;

const TARGET_RATIO = 2;
/** Admission after churn: the 1M figure at most 1.5x the 1k one. */
const CHURN_TARGET_RATIO = 1.5;
const IDLE_TIMEOUT_MS = 15 * 60_000;

/** Fills `store` with `n` sessions nobody will log in as, their last status at `lastStatusAt`. */
async function fill(store: SessionStore, n: number, lastStatusAt: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await store.insert({
      sessionId: `held-${i}`,
      userId: `held${i}`,
      pin: (0x4000_0000 + i).toString(16).toUpperCase(),
      client: 'sametime',
      connectionId: `held-${i}`,
      owner: 'bench-elsewhere',
      createdAt: 0,
      lastStatusAt,
      inCoverage: true,
    });
  }
}

function configFor(held: number) {
  return { maxSessions: held, idleTimeoutMs: IDLE_TIMEOUT_MS, sametime: { sessionLimit: Math.max(held, 10_000) } };
}

/** The mean time of a rejected login with `held` fresh sessions at the maximum (best of a few rounds). */
async function rejected(held: number, logins: number): Promise<number> {
  const sessions = new InMemorySessionStore();
  const { devices, bes } = loginRig({ devices: 1, sessions, config: configFor(held) });
  await fill(sessions, held, 0);
  const device = devices[0]!;
  const credentials = userOf(0);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < logins; i++) {
      const reply = await device.login(credentials);
      if (reply.status !== 'server-busy') throw new Error(`bench: a login at the maximum was ${reply.status}`);
    }
    best = Math.min(best, Number(process.hrtime.bigint() - start) / logins);
  }
  check((await bes.sessions.count()) === held, 'a rejected login changed the sessions held');
  return best;
}

/**
 * The mean time of a login that logs out the one idle session (best of a few rounds). `logins`
 * victims log in first, 1 ms apart; the store is filled to `held` with sessions fresher than them;
 * then the measured logins arrive 1 ms apart, idle timeout later, each finding one victim idle.
 */
async function loggingOutIdle(held: number, logins: number): Promise<number> {
  const sessions = new InMemorySessionStore();
  const { devices, bes, clock } = loginRig({ devices: 2 * logins, sessions, config: configFor(held) });
  for (let i = 0; i < logins; i++) {
    const reply = await devices[i]!.login(userOf(i));
    if (reply.status !== 'accepted') throw new Error(`bench: victim ${pinOf(i)} was ${reply.status}`);
    await clock.advance(1);
  }
  await fill(sessions, held - logins, logins);
  await clock.advanceTo(IDLE_TIMEOUT_MS);
  const rounds = 5;
  const perRound = Math.floor(logins / rounds);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    let total = 0n;
    for (let i = round * perRound; i < (round + 1) * perRound; i++) {
      const k = logins + i;
      const start = process.hrtime.bigint();
      const reply = await devices[k]!.login(userOf(k));
      total += process.hrtime.bigint() - start;
      if (reply.status !== 'accepted') throw new Error(`bench: login ${pinOf(k)} at the maximum was ${reply.status}`);
      await clock.advance(1);
    }
    best = Math.min(best, Number(total) / perRound);
  }
  check((await bes.sessions.count()) === held, 'the logins did not each take an idle session’s place');
  check(bes.backend.server.openSessionCount === logins, 'the idle sessions were not closed at Sametime');
  return best;
}

/**
 * The mean time of a login admitted after a logout freed its slot, once the same few PINs have
 * logged in and out `cycles` times at the maximum (`held - 1` fresh sessions filling the rest):
 * churn that would leave a hash table full of deleted entries.
 */
async function afterChurn(held: number, cycles: number, logins: number): Promise<number> {
  const sessions = new InMemorySessionStore();
  const churners = 10;
  const { devices, bes } = loginRig({ devices: churners, sessions, config: configFor(held) });
  await fill(sessions, held - 1, 0);
  const cycle = async (i: number): Promise<bigint> => {
    const device = devices[i % churners]!;
    const start = process.hrtime.bigint();
    const reply = await device.login(userOf(i % churners));
    const took = process.hrtime.bigint() - start;
    if (reply.status !== 'accepted') throw new Error(`bench: churn login ${i} was ${reply.status}`);
    check((await device.logout()).status === 'logged-out', `churn logout ${i} failed`);
    return took;
  };
  for (let i = 0; i < cycles; i++) await cycle(i);
  let best = Number.POSITIVE_INFINITY;
  const perRound = Math.floor(logins / 5);
  for (let round = 0; round < 5; round++) {
    let total = 0n;
    for (let i = 0; i < perRound; i++) total += await cycle(i);
    best = Math.min(best, Number(total) / perRound);
  }
  check((await bes.sessions.count()) === held - 1, 'churn left sessions behind');
  return best;
}

export async function run(): Promise<void> {
  const small = 1_000;
  const large = quick ? 20_000 : 1_000_000;
  const logins = quick ? 50 : 500;
  const mode = quick ? ` (quick: ${count(large)} in place of 1,000,000)` : '';
  console.log(
    `\n3. admission at capacity: one login at the maximum, whole pipeline, ${count(small)} vs ${count(large)} sessions held${mode}`,
  );
  console.log(
    '  (sessions filling the store are inserted straight into it; the idle ones logged out are real Sametime sessions)',
  );
  // Untimed: compile the paths first, so the first figure is not the one that pays for the JIT.
  await rejected(small, logins);
  await loggingOutIdle(small, logins);
  const rows: [string, number, number][] = [];
  rows.push([
    'rejected: maximum reached, nothing idle (Server Busy)',
    await rejected(small, logins),
    await rejected(large, logins),
  ]);
  rows.push([
    'admitted: logs out the one idle session first',
    await loggingOutIdle(small, logins),
    await loggingOutIdle(large, logins),
  ]);
  const cycles = quick ? 2_000 : 100_000;
  rows.push([
    `admitted after a logout, ${count(cycles)} login + logout cycles on`,
    await afterChurn(small, cycles, logins),
    await afterChurn(large, cycles, logins),
  ]);
  for (const [name, at1k, atLarge] of rows) {
    const ratio = atLarge / at1k;
    const target = name.startsWith('admitted after a logout') ? CHURN_TARGET_RATIO : TARGET_RATIO;
    console.log(
      `  ${name.padEnd(54)} ${microseconds(at1k).padStart(10)} at ${count(small)}  ${microseconds(atLarge).padStart(10)} at ${count(large)}` +
        `  ${ratio.toFixed(2)}x (target: at most ${target}x) ${verdict(ratio <= target)}`,
    );
  }
}
