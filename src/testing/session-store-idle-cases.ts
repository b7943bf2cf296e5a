import type { SessionStore } from '../session/session-store.js';
import { optionalCase } from './contract-case.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import { expectIdleOrder, ids, type SessionStoreCases } from './session-store-contract-context.js';

const ALL = Number.MAX_SAFE_INTEGER;

/** Sessions 1-6: three stale and in coverage (status 10, 20, 30), two out of coverage (5, 90), one fresh (100). */
async function mixedSessions(store: SessionStore): Promise<void> {
  // Inserted out of time order on purpose: the order must come from the times, not the inserts.
  await store.insert(sessionRecord(3, { lastStatusAt: 30 }));
  await store.insert(sessionRecord(6, { lastStatusAt: 100 }));
  await store.insert(sessionRecord(1, { lastStatusAt: 10 }));
  await store.insert(sessionRecord(5, { lastStatusAt: 90, inCoverage: false }));
  await store.insert(sessionRecord(2, { lastStatusAt: 20 }));
  await store.insert(sessionRecord(4, { lastStatusAt: 5, inCoverage: false }));
}

/** idleCandidates: what it returns, in what order, and how it follows every other method. */
export function idleCases({ test, run, capabilities }: SessionStoreCases): void {
  const { describe, it } = test;
  const byStatus = capabilities.ordersOutOfCoverageByStatus === true;

  describe('idleCandidates', () => {
    it(
      'returns nothing from an empty store',
      run(async (store) => {
        expect(await store.idleCandidates(ALL, ALL)).toEqual([]);
      }),
    );

    it(
      'returns every session out of coverage, however fresh its last status',
      run(async (store) => {
        await store.insert(sessionRecord(1, { lastStatusAt: 100, inCoverage: false }));
        await store.insert(sessionRecord(2, { lastStatusAt: 100 }));
        expect(ids(await store.idleCandidates(50, ALL))).toEqual(['session-1']);
      }),
    );

    it(
      'returns the sessions in coverage whose last status is at or before the cutoff, and no fresher one',
      run(async (store) => {
        await store.insert(sessionRecord(1, { lastStatusAt: 49 }));
        await store.insert(sessionRecord(2, { lastStatusAt: 50 }));
        await store.insert(sessionRecord(3, { lastStatusAt: 51 }));
        expect(ids(await store.idleCandidates(50, ALL))).toEqual(['session-1', 'session-2']);
        expect(await store.idleCandidates(48, ALL)).toEqual([]);
      }),
    );

    it(
      'puts the sessions out of coverage first, then the rest oldest status first',
      run(async (store) => {
        await mixedSessions(store);
        const found = await store.idleCandidates(30, ALL);
        expectIdleOrder(found, byStatus);
        expect(ids(found).slice(0, 2).sort()).toEqual(['session-4', 'session-5']);
        expect(ids(found).slice(2)).toEqual(['session-1', 'session-2', 'session-3']);
        expect(found.find((r) => r.sessionId === 'session-4')).toEqual(
          sessionRecord(4, { lastStatusAt: 5, inCoverage: false }),
        );
      }),
    );

    optionalCase(
      it,
      capabilities.ordersOutOfCoverageByStatus,
      'ordersOutOfCoverageByStatus',
      'the interface only puts sessions out of coverage first, in no set order',
      'orders the sessions out of coverage oldest status first too',
      run(async (store) => {
        await mixedSessions(store);
        expect(ids(await store.idleCandidates(30, ALL))).toEqual([
          'session-4',
          'session-5',
          'session-1',
          'session-2',
          'session-3',
        ]);
        expect(ids(await store.idleCandidates(30, 1))).toEqual(['session-4']);
      }),
    );

    it(
      'returns at most `limit` sessions, the first ones in its order',
      run(async (store) => {
        await mixedSessions(store);
        expect(await store.idleCandidates(30, 0)).toEqual([]);
        const one = await store.idleCandidates(30, 1);
        expect(one).toHaveLength(1);
        expect(one[0]?.inCoverage).toBe(false);
        const three = await store.idleCandidates(30, 3);
        expectIdleOrder(three, byStatus);
        expect(ids(three).slice(0, 2).sort()).toEqual(['session-4', 'session-5']);
        expect(ids(three)[2]).toBe('session-1');
        expect(ids(await store.idleCandidates(30, 4)).slice(2)).toEqual(['session-1', 'session-2']);
      }),
    );

    it(
      'follows touch: a fresh status takes a session out, an earlier one puts it back in its place',
      run(async (store) => {
        await mixedSessions(store);
        await store.touch('session-1', 95);
        expect(ids(await store.idleCandidates(30, ALL)).slice(2)).toEqual(['session-2', 'session-3']);
        await store.touch('session-1', 25);
        expect(ids(await store.idleCandidates(30, ALL)).slice(2)).toEqual(['session-2', 'session-1', 'session-3']);
        await store.touch('session-6', 1);
        expect(ids(await store.idleCandidates(30, ALL)).slice(2)).toEqual([
          'session-6',
          'session-2',
          'session-1',
          'session-3',
        ]);
      }),
    );

    it(
      'follows setCoverage: back in coverage and fresh leaves, out of coverage joins the front',
      run(async (store) => {
        await mixedSessions(store);
        await store.setCoverage(sessionRecord(5).pin, true);
        await store.setCoverage(sessionRecord(6).pin, false);
        const found = await store.idleCandidates(30, ALL);
        expectIdleOrder(found, byStatus);
        expect(ids(found).slice(0, 2).sort()).toEqual(['session-4', 'session-6']);
        expect(ids(found).slice(2)).toEqual(['session-1', 'session-2', 'session-3']);
        expect(found.find((r) => r.sessionId === 'session-6')?.inCoverage).toBe(false);
      }),
    );

    it(
      'leaves out removed sessions',
      run(async (store) => {
        await mixedSessions(store);
        await store.remove('session-4');
        await store.remove('session-2');
        expect(ids(await store.idleCandidates(30, ALL))).toEqual(['session-5', 'session-1', 'session-3']);
      }),
    );

    it(
      'returns the current records',
      run(async (store) => {
        await store.insert(sessionRecord(1, { lastStatusAt: 10 }));
        await store.touch('session-1', 12);
        await store.setCoverage(sessionRecord(1).pin, false);
        expect(await store.idleCandidates(0, ALL)).toEqual([sessionRecord(1, { lastStatusAt: 12, inCoverage: false })]);
      }),
    );
  });
}
