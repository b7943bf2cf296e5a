import type { SessionStore } from '../session/session-store.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import { admitAndCommit, admitRequest } from './session-store-admission-cases.js';
import type { SessionStoreCases } from './session-store-contract-context.js';

const owners = ['bes-a', 'bes-b', 'bes-c', 'bes-d'] as const;

/**
 * Several handles on one database, as several BES instances hold them: what one writes the others
 * see, and admission stays atomic across them. Runs only for stores that give `createShared`.
 */
export function sharedCases({ test, runShared }: SessionStoreCases): void {
  if (runShared === undefined) return;
  const { describe, it } = test;
  describe('several instances on one database', () => {
    it(
      'admit exactly the maximum of many admissions made at once through different handles',
      runShared(4, async (stores) => {
        const rules = { maxSessions: 10 };
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, n) => {
            const i = n % stores.length;
            return stores[i]!.admit(
              admitRequest(n, { rules, owner: owners[i]!, reservationId: `${owners[i]}/reservation-${n}` }),
            );
          }),
        );
        expect(results.filter((r) => r.admitted).length).toBe(10);
      }),
    );

    it(
      "see each other's sessions, and log out another instance's idle session for their own login",
      runShared(2, async ([a, b]: readonly SessionStore[]) => {
        const rules = { maxSessions: 1, idleTimeoutMs: 1_000 };
        await admitAndCommit(a!, 1, { rules, owner: 'bes-a', reservationId: 'bes-a/reservation-1' }, 0);
        expect((await b!.get('session-1'))?.owner).toBe('bes-a');
        const admitted = await b!.admit(
          admitRequest(2, { rules, owner: 'bes-b', reservationId: 'bes-b/reservation-2', now: 2_000 }),
        );
        expect(admitted.admitted).toBe(true);
        if (!admitted.admitted) return;
        expect(admitted.evicted.map((e) => e.record.owner)).toEqual(['bes-a']);
        // The owner finds the close it has to finish.
        expect((await a!.closingOwnedBy('bes-a')).map((c) => c.record.sessionId)).toEqual(['session-1']);
        await a!.finishClose('session-1');
        expect(await b!.isClosing('session-1')).toBe(false);
        expect(await b!.commit('bes-b/reservation-2', sessionRecord(2, { owner: 'bes-b' }))).toBe('committed');
        expect(await a!.count()).toBe(1);
      }),
    );

    it(
      'free the slot of an instance that died mid-login once its reservation lapses',
      runShared(2, async ([a, b]: readonly SessionStore[]) => {
        const rules = { maxSessions: 1 };
        expect(
          (
            await a!.admit(
              admitRequest(1, {
                rules,
                owner: 'bes-a',
                reservationId: 'bes-a/reservation-1',
                now: 0,
                leaseUntil: 5_000,
              }),
            )
          ).admitted,
        ).toBe(true);
        expect(
          (await b!.admit(admitRequest(2, { rules, owner: 'bes-b', reservationId: 'bes-b/reservation-2', now: 4_999 })))
            .admitted,
        ).toBe(false);
        expect(
          (await b!.admit(admitRequest(2, { rules, owner: 'bes-b', reservationId: 'bes-b/reservation-2', now: 5_000 })))
            .admitted,
        ).toBe(true);
      }),
    );

    it(
      'refuse the same session id, or a second session for one PIN, from two instances',
      runShared(2, async ([a, b]: readonly SessionStore[]) => {
        const rules = { maxSessions: 5 };
        expect(
          (await a!.admit(admitRequest(1, { rules, owner: 'bes-a', reservationId: 'bes-a/reservation-1' }))).admitted,
        ).toBe(true);
        expect(
          (await b!.admit(admitRequest(2, { rules, owner: 'bes-b', reservationId: 'bes-b/reservation-2' }))).admitted,
        ).toBe(true);
        const results = await Promise.allSettled([
          a!.commit('bes-a/reservation-1', sessionRecord(1, { owner: 'bes-a' })),
          b!.commit('bes-b/reservation-2', sessionRecord(2, { owner: 'bes-b', pin: sessionRecord(1).pin })),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'committed').length).toBe(1);
        expect(await a!.count()).toBe(1);
      }),
    );
  });
}
