import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ConfigError,
  createBes,
  sametimeTcpBackend,
  SystemClock,
  type SametimeTcpBackendOptions,
  type TraceEvent,
} from '../../src/index.js';
import { decodeStream, ReasonCode, type LinkDirection, type LinkEndpoints } from '../../src/sametime/index.js';
import { passwordOf, pinFor, USERS, userNamed } from '../support/users.js';
import { eventually, listeningServer } from './tcp-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A BES on the system clock whose adapter reaches 127.0.0.1:`port` over TCP. */
function tcpBes(port: number, options: SametimeTcpBackendOptions = {}) {
  const events: TraceEvent[] = [];
  const bes = createBes({
    seed: 11,
    clock: new SystemClock(),
    users: USERS,
    observe: (event) => events.push(event),
    config: { sametime: { host: '127.0.0.1', port, loginTimeoutMs: 3_000 } },
    backend: sametimeTcpBackend(options),
  });
  const activate = (n: number, userId: string) => {
    const result = bes.activateDevice({
      pin: pinFor(n),
      userId,
      activationPassword: userNamed(userId).activationPassword,
    });
    if (!result.ok) throw new Error(`activation failed: ${result.code}`);
    return result.device;
  };
  return { bes, events, activate };
}

async function serving() {
  const s = await listeningServer();
  cleanups.push(() => s.listener.close());
  return s;
}

describe('sametimeTcpBackend: createBes on a Sametime server reached over TCP', () => {
  it('logs in, relays status, hears an ADMIN broadcast without closing, and logs out, over loopback', async () => {
    const { server, listener } = await serving();
    const chunks: { direction: LinkDirection; bytes: Uint8Array; endpoints: LinkEndpoints | undefined }[] = [];
    const { bes, events, activate } = tcpBes(listener.port, {
      capture: (direction, bytes, _id, endpoints) => chunks.push({ direction, bytes: bytes.slice(), endpoints }),
    });
    const device = activate(1, 'alice');

    const login = await device.login({ userId: 'alice', password: passwordOf('alice') });
    expect(login.status).toBe('accepted');
    const [session] = server.sessionsOf('alice');
    expect(session?.connectionId).toMatch(new RegExp(`^127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:${listener.port}$`));
    expect(bes.backend.adapter.openSessions).toBe(1);

    expect(await device.sendStatus('busy')).toEqual({ status: 'ok' });
    await eventually(() => server.session(session!.connectionId)?.lastStatus?.status === 0x0280);

    expect(server.broadcast('The server restarts at 22:00')).toBe(1);
    await eventually(() => events.some((e) => e.hop === 'collaboration-service' && e.action === 'server-message'));
    expect(events.filter((e) => e.action === 'server-message' && e.hop === 'collaboration-service')).toEqual([
      expect.objectContaining({ pin: pinFor(1), outcome: session!.connectionId }),
    ]);
    expect(await device.sendStatus('available')).toEqual({ status: 'ok' });

    expect(await device.logout()).toEqual({ status: 'logged-out' });
    await eventually(() => server.openConnectionCount === 0 && listener.connections === 0);
    expect(bes.backend.adapter.openSessions).toBe(0);

    // The capture saw the connection's real endpoints and the whole login, password protected.
    expect(chunks[0]?.endpoints?.server).toEqual({ address: '127.0.0.1', port: listener.port });
    const toServer = decodeStream(Buffer.concat(chunks.filter((c) => c.direction === 'to-server').map((c) => c.bytes)));
    expect(toServer.map((m) => m.type)).toEqual([
      'HANDSHAKE',
      'LOGIN',
      'SET_USER_STATUS',
      'SET_USER_STATUS',
      'CHANNEL_DESTROY',
    ]);
    expect(Buffer.concat(chunks.map((c) => c.bytes)).includes(Buffer.from(passwordOf('alice')))).toBe(false);
  });

  it('gives the device the server’s refusal, and learns of a session the server closes', async () => {
    const { server, listener } = await serving();
    const { bes, activate } = tcpBes(listener.port);
    const bob = activate(2, 'bob');
    expect(await bob.login({ userId: 'bob', password: 'not-his' })).toEqual({
      status: 'authentication-failed',
      reason: 'incorrect-login',
      reasonCode: ReasonCode.incorrectLogin,
    });
    const alice = activate(1, 'alice');
    expect((await alice.login({ userId: 'alice', password: passwordOf('alice') })).status).toBe('accepted');
    const [session] = server.sessionsOf('alice');
    expect(server.closeSession(session!.connectionId, ReasonCode.generalFailure)).toBe(true);
    await eventually(() => bes.backend.adapter.openSessions === 0);
    expect(await alice.sendStatus('away')).toEqual({ status: 'session-closed', reason: 'server-closed' });
    await eventually(() => listener.connections === 0);
  });

  it('nothing listening: failed, unreachable', async () => {
    // A port that was free a moment ago, and is closed again.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { activate } = tcpBes(port);
    expect(await activate(1, 'alice').login({ userId: 'alice', password: passwordOf('alice') })).toEqual({
      status: 'failed',
      reason: 'unreachable',
    });
  });

  it('refuses a virtual clock: real sockets need real time', () => {
    let error: unknown;
    try {
      createBes({ seed: 1, users: USERS, backend: sametimeTcpBackend() });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({
      fields: ['clock'],
      message: expect.stringMatching(/sametimeTcpBackend\(\) talks to real sockets and needs real time/),
    });
  });
});
