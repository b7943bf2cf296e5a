import type { AdmitRequest, SessionStore } from '../session/session-store.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import { expectStoreError, type SessionStoreCases } from './session-store-contract-context.js';

/** An admission request for reservation `n` at `now`, with a minute's lease; `fields` override. */
export function admitRequest(n: number, fields: Partial<AdmitRequest> = {}): AdmitRequest {
  const now = fields.now ?? 0;
  return {
    reservationId: `bes-test/reservation-${n}`,
    owner: 'bes-test',
    pin: sessionRecord(n).pin,
    now,
    leaseUntil: now + 60_000,
    rules: { maxSessions: 2 },
    sessionLimit: 10_000,
    ...fields,
  };
}

/** Admits reservation `n` and commits it as session `n`; fails the case unless both work. */
export async function admitAndCommit(
  store: SessionStore,
  n: number,
  fields: Partial<AdmitRequest> = {},
  lastStatusAt = 0,
): Promise<void> {
  const request = admitRequest(n, fields);
  const admitted = await store.admit(request);
  expect(admitted.admitted, `admission of ${request.reservationId}`).toBe(true);
  const record = sessionRecord(n, { owner: request.owner, createdAt: lastStatusAt, lastStatusAt });
  expect(await store.commit(request.reservationId, record)).toBe('committed');
}

/** admit, commit and release: step 4 as one atomic store operation. */
export function admissionCases({ test, run }: SessionStoreCases): void {
  const { describe, it } = test;
  describe('admit, commit, release', () => {
    it(
      'admits below the maximum, counting logins under way, and answers Server Busy at it',
      run(async (store) => {
        expect(await store.admit(admitRequest(1))).toEqual({ admitted: true, evicted: [] });
        expect(await store.admit(admitRequest(2))).toEqual({ admitted: true, evicted: [] });
        // Two reservations, no session yet: the maximum of 2 is reached all the same.
        expect(await store.admit(admitRequest(3))).toEqual({
          admitted: false,
          status: 'server-busy',
          reason: 'maximum-reached',
        });
        expect(await store.count()).toBe(0);
      }),
    );

    it(
      'with no maximum, answers Failed once the IM server API limit is reached',
      run(async (store) => {
        const rules = {};
        await admitAndCommit(store, 1, { rules, sessionLimit: 2 });
        expect((await store.admit(admitRequest(2, { rules, sessionLimit: 2 }))).admitted).toBe(true);
        expect(await store.admit(admitRequest(3, { rules, sessionLimit: 2 }))).toEqual({
          admitted: false,
          status: 'failed',
          reason: 'api-limit-reached',
        });
      }),
    );

    it(
      'commits a reservation into its session in its slot, and a release frees the slot',
      run(async (store) => {
        await admitAndCommit(store, 1);
        expect((await store.get('session-1'))?.owner).toBe('bes-test');
        expect(await store.count()).toBe(1);
        expect((await store.admit(admitRequest(2))).admitted).toBe(true);
        expect((await store.admit(admitRequest(3))).admitted).toBe(false);
        await store.release(admitRequest(2).reservationId);
        await store.release(admitRequest(2).reservationId); // idempotent
        expect((await store.admit(admitRequest(3))).admitted).toBe(true);
      }),
    );

    it(
      'logs out idle sessions to admit when full, moving them to closing for their owner, and counts them no more',
      run(async (store) => {
        const rules = { maxSessions: 2, idleTimeoutMs: 1_000 };
        await admitAndCommit(store, 1, { rules }, 0);
        await admitAndCommit(store, 2, { rules }, 5_000);
        await store.setCoverage(sessionRecord(2).pin, false);
        const admitted = await store.admit(admitRequest(3, { rules, now: 5_500 }));
        expect(admitted.admitted).toBe(true);
        if (!admitted.admitted) return;
        expect(admitted.evicted.map((e) => [e.record.sessionId, e.reason]).sort()).toEqual([
          ['session-1', 'no-status'],
          ['session-2', 'out-of-coverage'],
        ]);
        expect(await store.get('session-1')).toBeUndefined();
        expect(await store.isClosing('session-1')).toBe(true);
        expect(
          (await store.closingOwnedBy('bes-test')).map((c) => [c.record.sessionId, c.reason, c.idle]).sort(),
        ).toEqual([
          ['session-1', 'idle-logout', 'no-status'],
          ['session-2', 'idle-logout', 'out-of-coverage'],
        ]);
        // The closes passed their slots to the reservation: one more login is busy, not admitted.
        expect((await store.admit(admitRequest(4, { rules, now: 5_500 }))).admitted).toBe(false);
        expect(await store.takeNotice(sessionRecord(1).pin)).toBe('idle-logout');
        expect(await store.takeNotice(sessionRecord(1).pin)).toBeUndefined();
      }),
    );

    it(
      'answers Server Busy at the maximum when no session is idle, and changes nothing',
      run(async (store) => {
        const rules = { maxSessions: 1, idleTimeoutMs: 1_000 };
        await admitAndCommit(store, 1, { rules }, 10_000);
        expect(await store.admit(admitRequest(2, { rules, now: 10_500 }))).toEqual({
          admitted: false,
          status: 'server-busy',
          reason: 'maximum-reached',
        });
        expect(await store.get('session-1')).toEqual(sessionRecord(1, { createdAt: 10_000, lastStatusAt: 10_000 }));
      }),
    );

    it(
      'lets a reservation whose lease has passed lapse: its slot is free, and its commit answers expired',
      run(async (store) => {
        const rules = { maxSessions: 1 };
        expect((await store.admit(admitRequest(1, { rules, now: 0, leaseUntil: 1_000 }))).admitted).toBe(true);
        expect((await store.admit(admitRequest(2, { rules, now: 999 }))).admitted).toBe(false);
        expect((await store.admit(admitRequest(2, { rules, now: 1_000 }))).admitted).toBe(true);
        expect(await store.commit(admitRequest(1).reservationId, sessionRecord(1))).toBe('expired');
        expect(await store.count()).toBe(0);
      }),
    );

    it(
      "refuses a reservation id taken, and a commit whose session id or PIN has a session, with StoreError('duplicate')",
      run(async (store) => {
        expect((await store.admit(admitRequest(1, { rules: { maxSessions: 5 } }))).admitted).toBe(true);
        await expectStoreError(() => store.admit(admitRequest(1, { rules: { maxSessions: 5 } })), 'duplicate');
        await store.insert(sessionRecord(9, { pin: sessionRecord(1).pin }));
        await expectStoreError(() => store.commit(admitRequest(1).reservationId, sessionRecord(1)), 'duplicate');
        expect(await store.get('session-1')).toBeUndefined();
      }),
    );

    it(
      'admits exactly the maximum of many admissions made at once',
      run(async (store) => {
        const rules = { maxSessions: 7 };
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, n) => store.admit(admitRequest(n, { rules }))),
        );
        expect(results.filter((r) => r.admitted).length).toBe(7);
      }),
    );
  });
}
