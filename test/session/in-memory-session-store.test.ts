import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import { InMemorySessionStore, StoreError, type SessionRecord } from '../../src/session/index.js';
import { sessionRecord } from '../../src/testing/index.js';

const ALL = Number.MAX_SAFE_INTEGER;
const ids = (records: readonly SessionRecord[]): string[] => records.map((r) => r.sessionId);

describe('InMemorySessionStore', () => {
  it('stays exact when a status message is recorded with an older time than the last', async () => {
    const store = new InMemorySessionStore();
    for (let n = 1; n <= 10; n++) await store.insert(sessionRecord(n, { lastStatusAt: n * 10 }));
    await store.touch('session-10', 5);
    await store.touch('session-3', 200);
    await store.touch('session-4', 35);
    expect(ids(await store.idleCandidates(5, ALL))).toEqual(['session-10']);
    expect(ids(await store.idleCandidates(40, ALL))).toEqual(['session-10', 'session-1', 'session-2', 'session-4']);
    await store.touch('session-10', 300);
    expect(ids(await store.idleCandidates(40, 2))).toEqual(['session-1', 'session-2']);
    expect(ids(await store.idleCandidates(ALL, ALL))).toEqual([
      'session-1',
      'session-2',
      'session-4',
      'session-5',
      'session-6',
      'session-7',
      'session-8',
      'session-9',
      'session-3',
      'session-10',
    ]);
  });

  it('puts a store loaded with times in any order back in order', async () => {
    const store = new InMemorySessionStore();
    const random = createRandom('in-memory-session-store/shuffled');
    const times = new Map<string, number>();
    for (let n = 0; n < 5_000; n++) {
      const lastStatusAt = random.int(1_000_000);
      times.set(`session-${n}`, lastStatusAt);
      await store.insert(sessionRecord(n, { lastStatusAt }));
    }
    const sorted = [...times.entries()].sort((a, b) => a[1] - b[1]);
    const cutoff = sorted[999]![1];
    const found = await store.idleCandidates(cutoff, ALL);
    expect(found.map((r) => r.lastStatusAt)).toEqual(sorted.filter(([, t]) => t <= cutoff).map(([, t]) => t));
    const oldest = await store.idleCandidates(ALL, 10);
    expect(oldest.map((r) => r.lastStatusAt)).toEqual(sorted.slice(0, 10).map(([, t]) => t));
  });

  it("rejects a NaN cutoff with StoreError('bad-time'), and takes infinite ones", async () => {
    const store = new InMemorySessionStore();
    await store.insert(sessionRecord(1, { lastStatusAt: 10 }));
    await store.insert(sessionRecord(2, { lastStatusAt: 20, inCoverage: false }));
    await expect(store.idleCandidates(Number.NaN, ALL)).rejects.toBeInstanceOf(StoreError);
    await expect(store.idleCandidates(Number.NaN, ALL)).rejects.toMatchObject({ code: 'bad-time' });
    expect(ids(await store.idleCandidates(Number.NEGATIVE_INFINITY, ALL))).toEqual(['session-2']);
    expect(ids(await store.idleCandidates(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY))).toEqual([
      'session-2',
      'session-1',
    ]);
  });

  it('returns nothing for a limit that is 0, negative or NaN', async () => {
    const store = new InMemorySessionStore();
    await store.insert(sessionRecord(1, { inCoverage: false }));
    for (const limit of [0, -1, Number.NaN]) expect(await store.idleCandidates(ALL, limit)).toEqual([]);
  });

  it('hands out frozen records with only the record fields', async () => {
    const store = new InMemorySessionStore();
    await store.insert({ ...sessionRecord(1), extra: 'not kept' } as SessionRecord);
    const record = await store.get('session-1');
    expect(Object.isFrozen(record)).toBe(true);
    expect(record).toStrictEqual(sessionRecord(1));
    expect(Object.isFrozen(await store.touch('session-1', 5))).toBe(true);
    expect(Object.isFrozen(await store.setCoverage(sessionRecord(1).pin, false))).toBe(true);
  });

  it('holds a hundred thousand sessions and finds the idle few among them', async () => {
    const store = new InMemorySessionStore();
    const total = 100_000;
    for (let n = 0; n < total; n++) await store.insert(sessionRecord(n, { createdAt: n, lastStatusAt: n }));
    expect(await store.count()).toBe(total);
    for (let n = 0; n < total; n += 2) await store.touch(`session-${n}`, total + n);
    for (let n = 0; n < total; n += 1_000) await store.setCoverage(sessionRecord(n + 1).pin, false);
    for (let n = 0; n < total; n += 10) await store.remove(`session-${n + 3}`);
    expect(await store.count()).toBe(total - total / 10);

    const found = await store.idleCandidates(20, ALL);
    // Out of coverage: every 1,000th odd session. Then the odd sessions at or before 20, bar those removed.
    expect(found.slice(0, 100).every((r) => !r.inCoverage)).toBe(true);
    expect(ids(found.slice(100))).toEqual([
      'session-5',
      'session-7',
      'session-9',
      'session-11',
      'session-15',
      'session-17',
      'session-19',
    ]);
    expect((await store.getByPin(sessionRecord(total - 1).pin))?.lastStatusAt).toBe(total - 1);
  });
});
