/**
 * The Collaboration Service hands the Sametime adapter a signal it aborts at the service's deadline.
 * The adapter reads it only when that deadline comes before its own login timeout: by default
 * (35 s against 30 s) it does not, and no AbortController is made for a login.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { sametimeBackend } from '../../src/sametime/sametime-backend.js';
import { passwordOf, testBes } from '../pipeline/bes-fixture.js';

const RealAbortController = globalThis.AbortController;
let made = 0;

/** Counts the AbortControllers made while a test runs. */
function countControllers(): void {
  made = 0;
  globalThis.AbortController = class extends RealAbortController {
    constructor() {
      super();
      made++;
    }
  };
}

afterEach(() => {
  globalThis.AbortController = RealAbortController;
});

const alice = { userId: 'alice', password: passwordOf('alice') };

describe("the service's signal at the Sametime adapter", () => {
  it('with the default deadlines, a login and logout make no AbortController', async () => {
    countControllers();
    const t = testBes();
    const device = t.activate(1);
    expect((await device.login(alice)).status).toBe('accepted');
    expect((await device.logout()).status).toBe('logged-out');
    expect(made).toBe(0);
  });

  it('with the default deadlines, a silent server is given up at the adapter timeout (30 s), nothing left open', async () => {
    countControllers();
    const t = testBes({ backend: sametimeBackend({ fault: 'silent' }) });
    const pending = t.activate(1).login(alice);
    await t.clock.advance(30_000);
    expect(await pending).toMatchObject({ status: 'failed' });
    expect(t.bes.backend.server.openConnectionCount).toBe(0);
    expect(await t.bes.sessions.count()).toBe(0);
    expect(made).toBe(0);
  });

  it('a service deadline before the adapter timeout still abandons the login then, through the signal', async () => {
    countControllers();
    const t = testBes({ backend: sametimeBackend({ fault: 'silent' }), config: { backendTimeoutMs: 5_000 } });
    let settled = false;
    const pending = t
      .activate(1)
      .login(alice)
      .then((reply) => {
        settled = true;
        return reply;
      });
    await t.clock.advance(4_999);
    expect(settled).toBe(false);
    expect(t.bes.backend.server.openConnectionCount).toBe(1);
    await t.clock.advance(1);
    expect(await pending).toMatchObject({ status: 'failed' });
    expect(t.events.some((e) => e.hop === 'sametime-adapter' && e.outcome === 'failed:aborted')).toBe(true);
    await t.clock.advance(0);
    expect(t.bes.backend.server.openConnectionCount).toBe(0);
    expect(made).toBe(1);
  });
});
