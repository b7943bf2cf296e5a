/**
 * The Collaboration Service puts no deadline on the library's own in-memory stores, whose calls
 * answer before they return; every other store keeps its deadlines, including the in-memory
 * stores' subclasses and instances with a method replaced, which can make a call wait.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryPermissionStore, InMemorySessionStore, type AdmitRequest, type AdmitResult } from '../../src/index.js';
import { storeAnswersAtOnce } from '../../src/pipeline/store-answers-at-once.js';
import { DirectoryPermissionStore } from '../../src/session/directory-permission-store.js';
import { wrapStore } from '../support/wrapped-store.js';
import { credentials, USERS } from '../support/users.js';
import { flush, tappedBes } from './fixture.js';

const never = <T>(): Promise<T> => new Promise<T>(() => {});

class HangingAdmission extends InMemorySessionStore {
  override admit(_request: AdmitRequest): Promise<AdmitResult> {
    return never();
  }
}

class HangingPermission extends InMemoryPermissionStore {
  override mayUse(): Promise<boolean> {
    return never();
  }
}

/** A login that never hears from its store: failed (store-timeout) at the deadline, its slot free. */
async function timesOut(t: ReturnType<typeof tappedBes>): Promise<void> {
  const pending = t.activate(0).login(credentials(0));
  await flush();
  await t.clock.advance(999);
  expect(t.bes.collaborationService.loginsUnderWay).toBeLessThanOrEqual(1);
  await t.clock.advance(1);
  expect(await pending).toEqual({ status: 'failed', reason: 'store-timeout' });
  expect(t.bes.collaborationService.loginsUnderWay).toBe(0);
}

describe('deadlines on stores that answer at once', () => {
  it("are left off only for the library's in-memory stores, exactly as they come", () => {
    expect(storeAnswersAtOnce(new InMemorySessionStore())).toBe(true);
    expect(storeAnswersAtOnce(new InMemoryPermissionStore())).toBe(true);
    expect(storeAnswersAtOnce(new DirectoryPermissionStore({ find: () => undefined }, 'sametime'))).toBe(true);
    expect(storeAnswersAtOnce(new HangingAdmission())).toBe(false);
    expect(storeAnswersAtOnce(new HangingPermission())).toBe(false);
    expect(storeAnswersAtOnce(wrapStore(new InMemorySessionStore(), (_m, _a, work) => work()))).toBe(false);
    const patched = new InMemorySessionStore();
    patched.getByPin = () => never();
    expect(storeAnswersAtOnce(patched)).toBe(false);
    expect(storeAnswersAtOnce({ mayUse: () => Promise.resolve(true) })).toBe(false);
  });

  it('still time out a subclass of the in-memory session store whose admission never answers', async () => {
    await timesOut(tappedBes({ sessions: new HangingAdmission(), config: { storeTimeoutMs: 1_000 } }));
  });

  it('still time out an in-memory session store with a lookup replaced by one that never answers', async () => {
    const sessions = new InMemorySessionStore();
    sessions.getByPin = () => never();
    await timesOut(tappedBes({ sessions, config: { storeTimeoutMs: 1_000 } }));
  });

  it('still time out a subclass of the in-memory permission store whose check never answers', async () => {
    const permissions = new HangingPermission(USERS.map(({ userId }) => ({ userId, clients: ['sametime'] })));
    await timesOut(tappedBes({ permissions, config: { storeTimeoutMs: 1_000 } }));
  });
});
