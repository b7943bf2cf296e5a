import { describe, expect, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import type { BackendContext, ImBackend } from '../../src/pipeline/im-backend.js';
import type { ImPresence, ImReply, ImRequest } from '../../src/pipeline/im-request.js';

/** A GroupWise Messenger stand-in: another IM backend plugged in beside (instead of) Sametime. */
function messengerBackend(context: BackendContext) {
  const open = new Map<string, ImPresence | undefined>();
  let next = 0;
  async function messengerAdapter(request: ImRequest): Promise<ImReply> {
    switch (request.kind) {
      case 'login': {
        if (request.password !== `${request.userId}-gw`) {
          return { kind: 'login', ok: false, failure: { status: 'authentication-failed', reason: 'Failed (300)' } };
        }
        const connectionId = `gw-${++next}`;
        open.set(connectionId, undefined);
        return { kind: 'login', ok: true, connectionId };
      }
      case 'status':
        if (!open.has(request.connectionId)) return { kind: 'status', ok: false, reason: 'session-closed' };
        open.set(request.connectionId, request.presence);
        return { kind: 'status', ok: true };
      case 'close':
        return { kind: 'close', wasOpen: open.delete(request.connectionId) };
    }
  }
  /** The server ends a session on its side, as GroupWise might. */
  const serverCloses = (connectionId: string): void => {
    open.delete(connectionId);
    context.events({ kind: 'session-closed', pin: '', connectionId, reason: 'server-closed' });
  };
  const backend: ImBackend = {
    client: 'groupwise',
    hop: 'groupwise-adapter',
    sessionLimit: 2,
    serve: messengerAdapter,
  };
  return { ...backend, open, serverCloses };
}

describe('another IM backend', () => {
  it('plugs in through createBes({ backend }) and the rest of the path is unchanged', async () => {
    const bes = createBes({
      seed: 3,
      users: [
        { userId: 'alice', password: 'unused' },
        { userId: 'bob', password: 'unused' },
        { userId: 'carol', password: 'unused', collaboration: false },
      ],
      backend: messengerBackend,
    });
    const backend = bes.backend;
    const device = (pin: string, userId: string) => {
      const result = bes.activateDevice({ pin, userId, activationPassword: 'unused' });
      if (!result.ok) throw new Error(result.code);
      return result.device;
    };

    const alice = device('2100000A', 'alice');
    expect(await alice.login({ userId: 'alice', password: 'alice-gw' })).toMatchObject({ status: 'accepted' });
    expect(await alice.sendStatus('busy')).toEqual({ status: 'ok' });
    expect([...backend.open.values()]).toEqual(['busy']);
    expect((await device('2100000C', 'carol').login({ userId: 'carol', password: 'carol-gw' })).status).toBe(
      'access-denied',
    );
    expect((await device('2100000B', 'bob').login({ userId: 'bob', password: 'wrong' })).status).toBe(
      'authentication-failed',
    );
    expect((await device('2100000B', 'bob').login({ userId: 'bob', password: 'bob-gw' })).status).toBe('accepted');

    // No maximum set and the backend's own limit (2) reached: the seed's Failed, as for Sametime.
    expect(await device('2100000D', 'alice').login({ userId: 'alice', password: 'alice-gw' })).toEqual({
      status: 'failed',
      reason: 'api-limit-reached',
    });
    expect(await alice.logout()).toEqual({ status: 'logged-out' });
    expect(backend.open.size).toBe(1);
  });

  it('hears the sessions its server closes through the event port, and tells the device', async () => {
    const bes = createBes({ seed: 3, users: [{ userId: 'alice', password: 'unused' }], backend: messengerBackend });
    const activation = bes.activateDevice({ pin: '2100000A', userId: 'alice', activationPassword: 'unused' });
    if (!activation.ok) throw new Error(activation.code);
    await activation.device.login({ userId: 'alice', password: 'alice-gw' });
    const [connectionId] = [...bes.backend.open.keys()];
    bes.backend.serverCloses(connectionId!);
    await bes.clock.runUntilIdle();
    expect(await bes.sessions.count()).toBe(0);
    expect(await activation.device.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'server-closed' });
  });
});
