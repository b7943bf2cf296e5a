import { optionalCase } from './contract-case.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import { expectStoreError, type SessionStoreCases } from './session-store-contract-context.js';

/** insert, get, getByPin, count, touch, setCoverage and remove. */
export function recordCases({ test, run, capabilities }: SessionStoreCases): void {
  const { describe, it } = test;
  describe('insert, get, getByPin, count', () => {
    it(
      'starts empty',
      run(async (store) => {
        expect(await store.count()).toBe(0);
        expect(await store.get('session-1')).toBeUndefined();
        expect(await store.getByPin(sessionRecord(1).pin)).toBeUndefined();
      }),
    );

    it(
      'finds an inserted session by id and by PIN, and counts it',
      run(async (store) => {
        const first = sessionRecord(1, { createdAt: 100, lastStatusAt: 150 });
        const second = sessionRecord(2, { inCoverage: false });
        await store.insert(first);
        expect(await store.count()).toBe(1);
        await store.insert(second);
        expect(await store.count()).toBe(2);
        expect(await store.get(first.sessionId)).toEqual(first);
        expect(await store.getByPin(first.pin)).toEqual(first);
        expect(await store.get(second.sessionId)).toEqual(second);
        expect(await store.getByPin(second.pin)).toEqual(second);
      }),
    );

    it(
      'keeps its own copy: changing the inserted object later changes nothing',
      run(async (store) => {
        const record = { ...sessionRecord(1) };
        await store.insert(record);
        (record as { lastStatusAt: number }).lastStatusAt = 999;
        (record as { inCoverage: boolean }).inCoverage = false;
        expect(await store.get('session-1')).toEqual(sessionRecord(1));
        expect(await store.idleCandidates(0, 10)).toEqual([sessionRecord(1)]);
        expect(await store.idleCandidates(-1, 10)).toEqual([]);
      }),
    );

    it(
      'cannot be changed through a record it returned',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        const returned = await store.get('session-1');
        try {
          (returned as { lastStatusAt: number }).lastStatusAt = 999;
        } catch {
          // A frozen record refuses the write; that is one way to pass.
        }
        expect(await store.get('session-1')).toEqual(sessionRecord(1));
      }),
    );

    it(
      "rejects a second session with the same id with StoreError('duplicate') and stays unchanged",
      run(async (store) => {
        const original = sessionRecord(1);
        await store.insert(original);
        const clash = sessionRecord(2, { sessionId: original.sessionId });
        await expectStoreError(() => store.insert(clash), 'duplicate');
        expect(await store.count()).toBe(1);
        expect(await store.get(original.sessionId)).toEqual(original);
        expect(await store.getByPin(clash.pin)).toBeUndefined();
      }),
    );

    it(
      "rejects a second session for the same PIN with StoreError('duplicate') and stays unchanged",
      run(async (store) => {
        const original = sessionRecord(1);
        await store.insert(original);
        const clash = sessionRecord(2, { pin: original.pin });
        await expectStoreError(() => store.insert(clash), 'duplicate');
        expect(await store.count()).toBe(1);
        expect(await store.get(clash.sessionId)).toBeUndefined();
        expect(await store.getByPin(original.pin)).toEqual(original);
      }),
    );

    optionalCase(
      it,
      capabilities.rejectsNonFiniteTimes,
      'rejectsNonFiniteTimes',
      'the interface leaves times to the caller, who takes them from a clock',
      "rejects a time that is not finite with StoreError('bad-time') and stays unchanged",
      run(async (store) => {
        await store.insert(sessionRecord(1, { lastStatusAt: 10 }));
        await expectStoreError(() => store.insert(sessionRecord(2, { lastStatusAt: Number.NaN })), 'bad-time');
        await expectStoreError(
          () => store.insert(sessionRecord(3, { createdAt: Number.POSITIVE_INFINITY })),
          'bad-time',
        );
        await expectStoreError(() => store.touch('session-1', Number.NaN), 'bad-time');
        await expectStoreError(() => store.touch('session-1', Number.NEGATIVE_INFINITY), 'bad-time');
        expect(await store.count()).toBe(1);
        expect(await store.get('session-2')).toBeUndefined();
        expect(await store.get('session-1')).toEqual(sessionRecord(1, { lastStatusAt: 10 }));
      }),
    );
  });

  describe('touch', () => {
    it(
      'records a status message: returns the new record, and later reads agree',
      run(async (store) => {
        await store.insert(sessionRecord(1, { createdAt: 5, lastStatusAt: 5 }));
        const touched = await store.touch('session-1', 40);
        const expected = sessionRecord(1, { createdAt: 5, lastStatusAt: 40 });
        expect(touched).toEqual(expected);
        expect(await store.get('session-1')).toEqual(expected);
        expect(await store.getByPin(expected.pin)).toEqual(expected);
        expect(await store.count()).toBe(1);
      }),
    );

    it(
      'records exactly the time given, even one earlier than the last',
      run(async (store) => {
        await store.insert(sessionRecord(1, { lastStatusAt: 50 }));
        expect(await store.touch('session-1', 20)).toEqual(sessionRecord(1, { lastStatusAt: 20 }));
        expect((await store.get('session-1'))?.lastStatusAt).toBe(20);
      }),
    );

    it(
      'returns undefined for an unknown session and creates nothing',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        expect(await store.touch('session-2', 10)).toBeUndefined();
        expect(await store.get('session-2')).toBeUndefined();
        expect(await store.count()).toBe(1);
      }),
    );
  });

  describe('setCoverage', () => {
    it(
      'records the coverage by PIN and returns the new record, keeping the status time',
      run(async (store) => {
        const record = sessionRecord(1, { lastStatusAt: 30 });
        await store.insert(record);
        const away = await store.setCoverage(record.pin, false);
        expect(away).toEqual({ ...record, inCoverage: false });
        expect(await store.get(record.sessionId)).toEqual({ ...record, inCoverage: false });
        const back = await store.setCoverage(record.pin, true);
        expect(back).toEqual(record);
        expect(await store.getByPin(record.pin)).toEqual(record);
      }),
    );

    it(
      'returns the record unchanged when the coverage is already as given',
      run(async (store) => {
        const record = sessionRecord(1);
        await store.insert(record);
        expect(await store.setCoverage(record.pin, true)).toEqual(record);
        expect(await store.get(record.sessionId)).toEqual(record);
      }),
    );

    it(
      'returns undefined for a device with no session and creates nothing',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        expect(await store.setCoverage(sessionRecord(2).pin, false)).toBeUndefined();
        expect(await store.getByPin(sessionRecord(2).pin)).toBeUndefined();
        expect(await store.count()).toBe(1);
      }),
    );
  });

  describe('remove', () => {
    it(
      'returns the removed record and forgets it by id and by PIN',
      run(async (store) => {
        const kept = sessionRecord(1);
        const removed = sessionRecord(2, { lastStatusAt: 7 });
        await store.insert(kept);
        await store.insert(removed);
        await store.touch(removed.sessionId, 9);
        expect(await store.remove(removed.sessionId)).toEqual({ ...removed, lastStatusAt: 9 });
        expect(await store.get(removed.sessionId)).toBeUndefined();
        expect(await store.getByPin(removed.pin)).toBeUndefined();
        expect(await store.count()).toBe(1);
        expect(await store.get(kept.sessionId)).toEqual(kept);
      }),
    );

    it(
      'frees the PIN and the id for a new session',
      run(async (store) => {
        const first = sessionRecord(1);
        await store.insert(first);
        await store.remove(first.sessionId);
        const samePin = sessionRecord(2, { pin: first.pin });
        await store.insert(samePin);
        expect(await store.getByPin(first.pin)).toEqual(samePin);
        await store.remove(samePin.sessionId);
        await store.insert(first);
        expect(await store.get(first.sessionId)).toEqual(first);
        expect(await store.count()).toBe(1);
      }),
    );

    it(
      'returns undefined for an unknown session, and for a session already removed',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        expect(await store.remove('session-2')).toBeUndefined();
        expect(await store.remove('session-1')).toEqual(sessionRecord(1));
        expect(await store.remove('session-1')).toBeUndefined();
        expect(await store.count()).toBe(0);
      }),
    );
  });

  it(
    'answers every call with a promise',
    run(async (store) => {
      const record = sessionRecord(1);
      const calls: Array<() => unknown> = [
        () => store.count(),
        () => store.get(record.sessionId),
        () => store.getByPin(record.pin),
        () => store.insert(record),
        () => store.touch(record.sessionId, 1),
        () => store.setCoverage(record.pin, false),
        () => store.idleCandidates(0, 10),
        () => store.remove(record.sessionId),
      ];
      for (const call of calls) {
        const result = call();
        expect(result).toBeInstanceOf(Promise);
        await result;
      }
    }),
  );
}
