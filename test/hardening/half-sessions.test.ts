/**
 * Issue: a session registered with its IM connection only once the store acknowledged its record.
 * Whatever closed the record in that gap found no IM session to close: the Sametime session stayed
 * open for ever and a second device was admitted over the maximum. Each case makes the gap with a
 * store whose commit acknowledgement arrives late, and acts in it.
 */
import { describe, expect, it } from 'vitest';
import type { Device } from '../../src/index.js';
import { lateStore } from '../support/late-store.js';
import { credentials } from '../support/users.js';
import { brokenRules, flush, tappedBes } from './fixture.js';

/** A BES at maximum 1 on a store that acknowledges commits late; `inGap` runs when alice's record has landed. */
function gapBes(inGap: (alice: Device) => Promise<unknown>, config: Record<string, number> = {}) {
  let alice: Device | undefined;
  let fired = false;
  const pending: Promise<unknown>[] = [];
  const { store } = lateStore({
    late: ['commit'],
    onEffect: (method) => {
      if (method !== 'commit' || fired) return;
      fired = true;
      pending.push(inGap(alice!));
    },
  });
  const t = tappedBes({ sessions: store, config: { maxSessions: 1, ...config } });
  alice = t.activate(0);
  return { t, alice, pending, bob: t.activate(1) };
}

/** At rest: both halves agree, Sametime holds no more than the maximum, and bob can log in once alice is gone. */
async function expectWhole(t: ReturnType<typeof gapBes>['t'], bob: Device): Promise<void> {
  await flush();
  expect(await brokenRules(t.bes)).toEqual([]);
  const server = t.bes.backend.server;
  expect(server.openSessionCount).toBe(await t.bes.sessions.count());
  if (server.openSessionCount === 0) expect((await bob.login(credentials(1))).status).toBe('accepted');
  else expect((await bob.login(credentials(1))).status).toBe('server-busy');
  expect(server.openSessionCount).toBeLessThanOrEqual(1);
  expect(await brokenRules(t.bes)).toEqual([]);
}

describe("a close in the gap between a login's record landing and its acknowledgement", () => {
  it('(a) the device logs out in the gap: both halves go, and the next device gets the slot', async () => {
    const { t, alice, bob, pending } = gapBes((device) => device.logout());
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(await Promise.all(pending)).toEqual([{ status: 'logged-out' }]);
    expect(t.bes.backend.server.openSessionCount).toBe(0);
    await expectWhole(t, bob);
  });

  it('(b) the device sends a status in the gap: the session stays whole', async () => {
    const { t, alice, bob, pending } = gapBes((device) => device.sendStatus('away'));
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(await Promise.all(pending)).toEqual([{ status: 'ok' }]);
    expect(t.bes.backend.server.openSessionCount).toBe(1);
    await expectWhole(t, bob);
  });

  it('(c) the same device logs in again in the gap: one session replaces the other, one at Sametime', async () => {
    const { t, alice, bob, pending } = gapBes((device) => device.login(credentials(0)));
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect((await Promise.all(pending)).map((r) => (r as { status: string }).status)).toEqual(['accepted']);
    expect(t.bes.backend.server.openSessionCount).toBe(1);
    await expectWhole(t, bob);
  });

  it('(d) the clock jumps and the inactivity sweep runs in the gap: both halves go', async () => {
    const holder: { t?: ReturnType<typeof gapBes>['t'] } = {};
    const { t, alice, bob, pending } = gapBes(
      async () => {
        await holder.t!.clock.advance(120_000);
        return holder.t!.bes.collaborationService.closeInactive();
      },
      { inactivityTimeoutMs: 60_000 },
    );
    holder.t = t;
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect(await Promise.all(pending)).toEqual([1]);
    expect(t.bes.backend.server.openSessionCount).toBe(0);
    expect(await alice.sendStatus('busy')).toEqual({ status: 'session-closed', reason: 'inactivity-logout' });
    await expectWhole(t, bob);
  });
});
