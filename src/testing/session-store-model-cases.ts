import { createRandom, type Random } from '../random/seeded-random.js';
import type { SessionStore } from '../session/session-store.js';
import { expect } from './contract-expect.js';
import { idleRank, ReferenceSessions, sessionRecord } from './session-fixtures.js';
import { expectIdleOrder, expectStoreError, type SessionStoreCases } from './session-store-contract-context.js';

const STEPS = 1_500;
/** Few enough PINs that inserts often find the device already has a session. */
const PINS = 250;
const LIMITS = [1, 3, 10, 50, Number.MAX_SAFE_INTEGER] as const;

function pick(random: Random, ids: readonly string[]): string {
  if (ids.length === 0 || random.int(10) === 0) return 'session-unknown';
  return ids[random.int(ids.length)]!;
}

/** Mostly the clock's time; one time in `odds` a time up to 500 ms older. */
function statusTime(random: Random, now: number, odds: number): number {
  return random.int(odds) === 0 ? now - random.int(500) : now;
}

async function runScript(store: SessionStore, seed: string, outOfCoverageByStatus: boolean): Promise<void> {
  const random = createRandom(`bes-collab/session-store-contract/${seed}`);
  const model = new ReferenceSessions();
  let now = 1_000;
  let next = 0;
  for (let step = 0; step < STEPS; step++) {
    now += random.int(4);
    const roll = random.int(100);
    const at = `step ${step}`;
    if (roll < 30) {
      const n = next++;
      const record = sessionRecord(n, {
        pin: sessionRecord(random.int(PINS)).pin,
        createdAt: now,
        lastStatusAt: statusTime(random, now, 10),
        inCoverage: random.int(10) !== 0,
      });
      if (model.insert(record)) await store.insert(record);
      else await expectStoreError(() => store.insert(record), 'duplicate');
    } else if (roll < 55) {
      const sessionId = pick(random, model.ids());
      const time = statusTime(random, now, 8);
      expect(await store.touch(sessionId, time), at).toEqual(model.touch(sessionId, time));
    } else if (roll < 68) {
      const pin = sessionRecord(random.int(PINS)).pin;
      const inCoverage = random.int(2) === 0;
      expect(await store.setCoverage(pin, inCoverage), at).toEqual(model.setCoverage(pin, inCoverage));
    } else if (roll < 80) {
      const sessionId = pick(random, model.ids());
      expect(await store.remove(sessionId), at).toEqual(model.remove(sessionId));
    } else if (roll < 85) {
      const sessionId = pick(random, model.ids());
      const pin = sessionRecord(random.int(PINS)).pin;
      expect(await store.get(sessionId), at).toEqual(model.get(sessionId));
      expect(await store.getByPin(pin), at).toEqual(model.getByPin(pin));
      expect(await store.count(), at).toBe(model.size);
    } else {
      const cutoff = now - random.int(600);
      const limit = LIMITS[random.int(LIMITS.length)]!;
      const expected = model.idle(cutoff, outOfCoverageByStatus);
      const found = await store.idleCandidates(cutoff, limit);
      expect(found.length, at).toBe(Math.min(limit, expected.length));
      expectIdleOrder(found, outOfCoverageByStatus);
      for (const record of found) {
        expect(record, at).toEqual(model.get(record.sessionId));
      }
      const rank = (r: (typeof found)[number]): [number, number] => idleRank(r, outOfCoverageByStatus);
      expect(found.map(rank), `${at}: the first ${limit} idle candidates`).toEqual(
        expected.slice(0, found.length).map(rank),
      );
    }
  }
  expect(await store.count()).toBe(model.size);
}

/** A long seeded script of every method, checked call by call against `ReferenceSessions`. */
export function modelCases({ test, run, capabilities }: SessionStoreCases): void {
  const { describe, it } = test;
  const byStatus = capabilities.ordersOutOfCoverageByStatus === true;
  describe('against a reference model', () => {
    for (const seed of ['a', 'b']) {
      it(
        `agrees with the model over ${STEPS} seeded calls, some with times out of order (seed ${seed})`,
        run((store) => runScript(store, seed, byStatus)),
      );
    }
  });
}
