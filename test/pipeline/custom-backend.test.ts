import { describe, expect, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import type { ImBackend, ImLoginRequest, ImLoginResult, ImPresence, ImSession } from '../../src/pipeline/im-backend.js';

/** A GroupWise Messenger stand-in: another IM backend plugged in beside (instead of) Sametime. */
class MessengerBackend implements ImBackend {
  readonly client = 'groupwise';
  readonly host = 'gwim.corp';
  readonly port = 8300;
  readonly sessionLimit = 2;
  readonly open = new Map<string, ImPresence | undefined>();
  #next = 0;

  async login(request: ImLoginRequest): Promise<ImLoginResult> {
    if (request.password !== `${request.userId}-gw`) {
      return { ok: false, failure: { status: 'authentication-failed', reason: 'Failed (300)' } };
    }
    const connectionId = `gw-${++this.#next}`;
    this.open.set(connectionId, undefined);
    const backend = this;
    const session: ImSession = {
      connectionId,
      get open() {
        return backend.open.has(connectionId);
      },
      async sendStatus(status) {
        backend.open.set(connectionId, status);
      },
      async close() {
        backend.open.delete(connectionId);
      },
      onServerClose() {},
    };
    return { ok: true, session };
  }
}

describe('another IM backend', () => {
  it('plugs in through createBes({ backend }) and the rest of the path is unchanged', async () => {
    const backend = new MessengerBackend();
    const bes = createBes({
      seed: 3,
      users: [
        { userId: 'alice', password: 'unused' },
        { userId: 'bob', password: 'unused' },
        { userId: 'carol', password: 'unused', collaboration: false },
      ],
      backend: () => backend,
    });
    expect(bes.sametime).toBeUndefined();
    const device = (pin: string, userId: string) => {
      const result = bes.activateDevice({ pin, userId, activationPassword: 'unused' });
      if (!result.ok) throw new Error(result.code);
      return result.device;
    };

    const alice = device('2100000A', 'alice');
    expect(await alice.login({ userId: 'alice', password: 'alice-gw' })).toMatchObject({ status: 'accepted' });
    expect(await alice.sendStatus('busy')).toEqual({ status: 'ok' });
    expect([...backend.open.values()]).toEqual(['busy']);
    expect((await device('2100000C', 'carol').login({ userId: 'carol', password: 'carol-gw' })).status).toBe('access-denied');
    expect((await device('2100000B', 'bob').login({ userId: 'bob', password: 'wrong' })).status).toBe('authentication-failed');
    expect((await device('2100000B', 'bob').login({ userId: 'bob', password: 'bob-gw' })).status).toBe('accepted');

    // No maximum set and the backend's own limit (2) reached: the seed's Failed, as for Sametime.
    expect(await device('2100000D', 'alice').login({ userId: 'alice', password: 'alice-gw' })).toEqual({
      status: 'failed',
      reason: 'api-limit-reached',
    });
    expect(await alice.logout()).toEqual({ status: 'logged-out' });
    expect(backend.open.size).toBe(1);
  });
});
