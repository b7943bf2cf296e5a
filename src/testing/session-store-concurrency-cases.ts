import type { SessionRecord } from '../session/session-record.js';
import { StoreError } from '../session/store-error.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import type { SessionStoreCases } from './session-store-contract-context.js';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** Many calls in flight at once, as a Collaboration Service under load makes them. */
export function concurrencyCases({ test, run }: SessionStoreCases): void {
  const { describe, it } = test;
  describe('concurrent calls', () => {
    it(
      'leave the count and every record as the calls say, however they interleave',
      run(async (store) => {
        await Promise.all(range(0, 300).map((n) => store.insert(sessionRecord(n, { lastStatusAt: n }))));
        expect(await store.count()).toBe(300);

        const counts: Array<Promise<number>> = [];
        const calls: Array<Promise<unknown>> = [];
        for (const n of range(0, 100)) {
          calls.push(store.touch(sessionRecord(n).sessionId, 1_000 + n));
          calls.push(store.setCoverage(sessionRecord(100 + n).pin, false));
          if (n % 2 === 0) calls.push(store.remove(sessionRecord(200 + n).sessionId));
          else calls.push(store.insert(sessionRecord(300 + n, { lastStatusAt: 300 + n })));
          if (n % 10 === 0) counts.push(store.count());
          calls.push(store.idleCandidates(150, 20));
        }
        await Promise.all(calls);
        for (const count of await Promise.all(counts)) {
          expect(count).toBeGreaterThanOrEqual(250);
          expect(count).toBeLessThanOrEqual(350);
        }

        expect(await store.count()).toBe(300);
        const expected = new Map<string, SessionRecord>();
        for (const n of range(0, 100)) {
          expected.set(`session-${n}`, sessionRecord(n, { lastStatusAt: 1_000 + n }));
          expected.set(`session-${100 + n}`, sessionRecord(100 + n, { lastStatusAt: 100 + n, inCoverage: false }));
          if (n % 2 === 1) {
            expected.set(`session-${200 + n}`, sessionRecord(200 + n, { lastStatusAt: 200 + n }));
            expected.set(`session-${300 + n}`, sessionRecord(300 + n, { lastStatusAt: 300 + n }));
          }
        }
        for (const n of range(0, 400)) {
          expect(await store.get(`session-${n}`), `session-${n}`).toEqual(expected.get(`session-${n}`));
        }
        const idle = await store.idleCandidates(250, Number.MAX_SAFE_INTEGER);
        const expectedIdle = [...expected.values()].filter((r) => !r.inCoverage || r.lastStatusAt <= 250);
        expect(idle.map((r) => r.sessionId).sort()).toEqual(expectedIdle.map((r) => r.sessionId).sort());
      }),
    );

    it(
      'let exactly one of many inserts for the same PIN win',
      run(async (store) => {
        const pin = sessionRecord(0).pin;
        const results = await Promise.allSettled(range(0, 20).map((n) => store.insert(sessionRecord(n, { pin }))));
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(19);
        for (const reason of lost) {
          expect(reason).toBeInstanceOf(StoreError);
          expect((reason as StoreError).code).toBe('duplicate');
        }
        expect(await store.count()).toBe(1);
        const winner = await store.getByPin(pin);
        expect(winner).toBeDefined();
        expect(await store.get(winner?.sessionId ?? '')).toEqual(winner);
      }),
    );

    it(
      'let exactly one of many inserts for the same session id win',
      run(async (store) => {
        const results = await Promise.allSettled(
          range(0, 20).map((n) => store.insert(sessionRecord(n, { sessionId: 'session-shared' }))),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.count()).toBe(1);
        const winner = await store.get('session-shared');
        expect(winner).toBeDefined();
        expect(await store.getByPin(winner?.pin ?? '')).toEqual(winner);
      }),
    );

    it(
      'let exactly one of many removes of the same session return it',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        const removed = await Promise.all(range(0, 10).map(() => store.remove('session-1')));
        expect(removed.filter((r) => r !== undefined)).toEqual([sessionRecord(1)]);
        expect(await store.count()).toBe(0);
      }),
    );
  });
}
