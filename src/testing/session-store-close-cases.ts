import type { ClosingSession } from '../session/session-store.js';
import { optionalCase } from './contract-case.js';
import { expect } from './contract-expect.js';
import { sessionRecord } from './session-fixtures.js';
import { admitAndCommit, admitRequest } from './session-store-admission-cases.js';
import type { SessionStoreCases } from './session-store-contract-context.js';

/** Checks up to `tries` times, pausing between, for something another connection makes happen. */
async function eventually(
  pause: () => Promise<void>,
  check: () => boolean | Promise<boolean>,
  tries = 200,
): Promise<boolean> {
  for (let tried = 0; tried < tries; tried++) {
    if (await check()) return true;
    await pause();
  }
  return false;
}

/** beginClose, finishClose, closingOwnedBy, isClosing, takeNotice, renewOwner, reapOwners, watchCloses. */
export function closeCases({ test, run, capabilities, pause }: SessionStoreCases): void {
  const { describe, it } = test;
  describe('closes, notices and owners', () => {
    it(
      'begins a close: the session is out of the cache, its slot still counted, until the close ends',
      run(async (store) => {
        const rules = { maxSessions: 1 };
        await admitAndCommit(store, 1, { rules });
        expect(await store.beginClose('session-1', 'logout')).toEqual(sessionRecord(1));
        expect(await store.get('session-1')).toBeUndefined();
        expect(await store.getByPin(sessionRecord(1).pin)).toBeUndefined();
        expect(await store.count()).toBe(0);
        expect(await store.isClosing('session-1')).toBe(true);
        expect((await store.admit(admitRequest(2, { rules }))).admitted).toBe(false);
        await store.finishClose('session-1');
        await store.finishClose('session-1'); // idempotent
        expect(await store.isClosing('session-1')).toBe(false);
        expect((await store.admit(admitRequest(2, { rules }))).admitted).toBe(true);
      }),
    );

    it(
      'begins a close once: a second begin, or a begin for no session, answers undefined',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        expect(await store.beginClose('session-1', 'inactivity-logout')).toBeDefined();
        expect(await store.beginClose('session-1', 'logout')).toBeUndefined();
        expect(await store.beginClose('session-9', 'logout')).toBeUndefined();
        expect((await store.closingOwnedBy('bes-test')).map((c) => c.reason)).toEqual(['inactivity-logout']);
      }),
    );

    it(
      'keeps why the device was logged out for the device to learn once, but not for its own logout',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        await store.insert(sessionRecord(2));
        await store.beginClose('session-1', 'server-closed');
        await store.beginClose('session-2', 'logout');
        expect(await store.takeNotice(sessionRecord(1).pin)).toBe('server-closed');
        expect(await store.takeNotice(sessionRecord(1).pin)).toBeUndefined();
        expect(await store.takeNotice(sessionRecord(2).pin)).toBeUndefined();
      }),
    );

    it(
      'lists the closes under way by owner',
      run(async (store) => {
        await store.insert(sessionRecord(1, { owner: 'bes-a' }));
        await store.insert(sessionRecord(2, { owner: 'bes-b' }));
        await store.beginClose('session-1', 'inactivity-logout');
        await store.beginClose('session-2', 'inactivity-logout');
        expect((await store.closingOwnedBy('bes-a')).map((c) => c.record.sessionId)).toEqual(['session-1']);
        expect((await store.closingOwnedBy('bes-c')).length).toBe(0);
      }),
    );

    it(
      'remembers coverage reported before a session exists, for the session cached later',
      run(async (store) => {
        await store.setCoverage(sessionRecord(1).pin, false);
        await admitAndCommit(store, 1, { rules: { maxSessions: 5 } });
        expect((await store.get('session-1'))?.inCoverage).toBe(false);
      }),
    );

    it(
      "reaps an instance whose lease has passed: its sessions, closes and reservations go, its devices are told 'owner-lost'",
      run(async (store) => {
        const rules = { maxSessions: 3 };
        await store.renewOwner('bes-dead', 1_000);
        await store.renewOwner('bes-alive', 10_000);
        await admitAndCommit(store, 1, { rules, owner: 'bes-dead' });
        await admitAndCommit(store, 2, { rules, owner: 'bes-alive' });
        expect((await store.admit(admitRequest(3, { rules, owner: 'bes-dead' }))).admitted).toBe(true);
        expect((await store.reapOwners(999)).length).toBe(0);
        const reaped = await store.reapOwners(1_000);
        expect(reaped.map((r) => r.sessionId)).toEqual(['session-1']);
        expect(await store.get('session-1')).toBeUndefined();
        expect(await store.get('session-2')).toBeDefined();
        expect(await store.takeNotice(sessionRecord(1).pin)).toBe('owner-lost');
        // The dead instance's reservation went too: two slots free.
        expect((await store.admit(admitRequest(4, { rules, owner: 'bes-alive', now: 1_000 }))).admitted).toBe(true);
        expect((await store.admit(admitRequest(5, { rules, owner: 'bes-alive', now: 1_000 }))).admitted).toBe(true);
        // An instance that never renewed is never reaped; one whose lease holds is not reaped yet.
        await store.insert(sessionRecord(6, { owner: 'bes-unleased' }));
        expect((await store.reapOwners(9_999)).length).toBe(0);
        expect((await store.reapOwners(1e12)).map((r) => r.sessionId)).toEqual(['session-2']);
        expect(await store.get('session-6')).toBeDefined();
      }),
    );

    optionalCase(
      it,
      capabilities.waitsForCloses,
      'waitsForCloses',
      "without it an instance waiting on another's close looks at isClosing every closePollMs",
      'resolves untilClosed once the close has ended, and at once when none is under way',
      run(async (store) => {
        await store.insert(sessionRecord(1));
        await store.untilClosed!('session-1');
        await store.beginClose('session-1', 'logout');
        let ended = false;
        const waiting = store.untilClosed!('session-1').then(() => (ended = true));
        await new Promise((resolve) => setImmediate(resolve));
        expect(ended).toBe(false);
        await store.finishClose('session-1');
        await waiting;
        expect(ended).toBe(true);
      }),
    );

    optionalCase(
      it,
      capabilities.watchesCloses,
      'watchesCloses',
      'without it the owner looks for closes at its closePollMs',
      'tells the owner when a close of its session begins, with the reason, until it stops watching',
      run(async (store) => {
        const heard: ClosingSession[] = [];
        const stop = store.watchCloses!('bes-a', (closing) => heard.push(closing));
        await store.insert(sessionRecord(1, { owner: 'bes-a' }));
        await store.insert(sessionRecord(2, { owner: 'bes-b' }));
        await store.insert(sessionRecord(3, { owner: 'bes-a' }));
        await store.beginClose('session-1', 'inactivity-logout');
        await store.beginClose('session-2', 'inactivity-logout');
        expect(await eventually(pause, () => heard.length === 1), 'heard of the close').toBe(true);
        expect([heard[0]?.record.sessionId, heard[0]?.reason]).toEqual(['session-1', 'inactivity-logout']);
        stop();
        await store.beginClose('session-3', 'inactivity-logout');
        await eventually(pause, () => heard.length > 1, 20);
        expect(heard.length).toBe(1);
      }),
    );
  });
}
