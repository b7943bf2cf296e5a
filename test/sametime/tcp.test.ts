import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthType,
  decodeStream,
  encodeFrame,
  ReasonCode,
  type LinkDirection,
  type SametimeListener,
  type SametimeMessage,
} from '../../src/sametime/index.js';
import { PASSWORD, USERS } from './harness.js';
import { eventually, listeningServer, rawPeer, tcpAdapter } from './tcp-harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function serving(options: Parameters<typeof listeningServer>[0] = {}) {
  const s = await listeningServer(options);
  cleanups.push(() => s.listener.close());
  return s;
}

async function peer(onSocket: (socket: Socket) => void) {
  const p = await rawPeer(onSocket);
  cleanups.push(p.close);
  return p;
}

function login(adapter: ReturnType<typeof tcpAdapter>, userId: string, password: string) {
  return adapter.login({ userId, password, pin: '2100000A' });
}

/** Every message of each direction a capture saw, decoded. */
function decoded(
  chunks: { direction: LinkDirection; bytes: Uint8Array }[],
  direction: LinkDirection,
): SametimeMessage[] {
  return decodeStream(Buffer.concat(chunks.filter((c) => c.direction === direction).map((c) => c.bytes)));
}

async function allClosed(listener: SametimeListener): Promise<void> {
  await eventually(() => listener.connections === 0);
}

describe('Sametime over real TCP on loopback', () => {
  it.each([
    ['DH-RC2/128', [AuthType.rc2_128, AuthType.rc2_40] as const, AuthType.rc2_128],
    ['RC2/40', [AuthType.rc2_40] as const, AuthType.rc2_40],
  ])(
    'the adapter logs in to the simulated server with %s, relays status and logs out',
    async (_name, authTypes, expected) => {
      const chunks: { direction: LinkDirection; bytes: Uint8Array }[] = [];
      const { server, listener } = await serving({
        server: { authTypes: [...authTypes] },
        listen: { capture: (direction, bytes) => chunks.push({ direction, bytes: bytes.slice() }) },
      });
      const adapter = tcpAdapter(listener.port);
      const result = await login(adapter, 'alice', PASSWORD);
      if (!result.ok) throw new Error(`login failed: ${result.failure.reason}`);
      // The connection is named by both ends' addresses, the same at the server and in LOGIN_ACK.
      expect(result.session.connectionId).toMatch(
        new RegExp(`^127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:${listener.port}$`),
      );
      expect(server.sessions().map((s) => s.connectionId)).toEqual([result.session.connectionId]);
      await result.session.sendStatus('busy');
      await eventually(() => server.session(result.session.connectionId)?.lastStatus?.status === 0x0280);
      await result.session.close('logout');
      await eventually(() => server.openConnectionCount === 0);
      await allClosed(listener);
      const login_ = decoded(chunks, 'to-server').find((m) => m.type === 'LOGIN');
      expect(login_?.type === 'LOGIN' && login_.authType).toBe(expected);
      expect(decoded(chunks, 'to-server').map((m) => m.type)).toEqual([
        'HANDSHAKE',
        'LOGIN',
        'SET_USER_STATUS',
        'CHANNEL_DESTROY',
      ]);
      expect(decoded(chunks, 'to-client').map((m) => m.type)).toEqual(['HANDSHAKE_ACK', 'LOGIN_ACK']);
      expect(Buffer.concat(chunks.map((c) => c.bytes)).includes(Buffer.from(PASSWORD))).toBe(false);
    },
  );

  it('maps the server’s refusals to the statuses a device sees: wrong password, unknown user, server full', async () => {
    const { listener, server } = await serving({ server: { capacity: 1 } });
    const adapter = tcpAdapter(listener.port);
    expect(await login(adapter, 'alice', 'wrong')).toEqual({
      ok: false,
      failure: { status: 'authentication-failed', reason: 'incorrect-login', reasonCode: ReasonCode.incorrectLogin },
    });
    expect(await login(adapter, 'mallory', 'x')).toMatchObject({
      ok: false,
      failure: { reason: 'user-unregistered', reasonCode: 0x8000_0213 },
    });
    const first = await login(adapter, 'alice', PASSWORD);
    expect(first.ok).toBe(true);
    expect(await login(adapter, 'bob', USERS.bob)).toMatchObject({
      ok: false,
      failure: { status: 'failed', reason: 'server-full', reasonCode: 0x8000_020b },
    });
    // The server closes a session from its side: the adapter hears the reason.
    if (!first.ok) return;
    const heard: number[] = [];
    first.session.onServerClose((code) => heard.push(code));
    server.closeSession(first.session.connectionId, ReasonCode.loggedInElsewhere);
    await eventually(() => heard.length === 1);
    expect(heard).toEqual([ReasonCode.loggedInElsewhere]);
    await allClosed(listener);
  });

  it('nothing listening: unreachable, at once', async () => {
    const { listener } = await listeningServer();
    const port = listener.port;
    await listener.close();
    expect(await login(tcpAdapter(port), 'alice', PASSWORD)).toEqual({
      ok: false,
      failure: { status: 'failed', reason: 'unreachable' },
    });
  });

  it('a server that never answers: timeout, and the adapter closes its socket', async () => {
    const p = await peer((socket) => socket.resume()); // reads, never answers
    const result = await login(tcpAdapter(p.port, { loginTimeoutMs: 300 }), 'alice', PASSWORD);
    expect(result).toEqual({ ok: false, failure: { status: 'failed', reason: 'timeout' } });
    await eventually(() => p.sockets.size === 0);
  });

  it('a server that resets, half-closes or answers garbage mid-login: closed, closed, protocol-error', async () => {
    const cases: [string, (socket: Socket) => void, string][] = [
      ['reset', (s) => s.once('data', () => s.resetAndDestroy()), 'closed'],
      ['half-close', (s) => s.once('data', () => s.end()), 'closed'],
      ['garbage', (s) => s.once('data', () => s.write('HTTP/1.1 400 Bad Request\r\n\r\n')), 'protocol-error'],
    ];
    for (const [name, behave, reason] of cases) {
      const p = await peer(behave);
      const result = await login(tcpAdapter(p.port), 'alice', PASSWORD);
      expect([name, result]).toEqual([name, { ok: false, failure: { status: 'failed', reason } }]);
      await eventually(() => p.sockets.size === 0);
    }
  });

  it('the server drops a client that connects and never logs in, and one that does not read', async () => {
    const { listener, server } = await serving({ listen: { loginTimeoutMs: 200, maxBufferedBytes: 16 } });
    const silent = connect(listener.port, '127.0.0.1');
    const ended = new Promise<void>((resolve) => silent.once('end', resolve));
    silent.on('error', () => {});
    await ended;
    silent.destroy();
    // A client that sends HANDSHAKE and does not read: HANDSHAKE_ACK is more than 16 bytes to queue.
    const deaf = connect(listener.port, '127.0.0.1');
    deaf.on('error', () => {});
    deaf.pause();
    await new Promise<void>((resolve) => deaf.once('connect', resolve));
    deaf.write(
      encodeFrame({
        type: 'HANDSHAKE',
        channel: 0,
        major: 0x1e,
        minor: 0x1d,
        masterChannel: 0,
        serverAddress: 0,
        loginType: 0x1700,
        localAddress: 0,
        extension: { marker: 0x100, reserved: 0, localHost: '' },
      }),
    );
    await eventually(() => server.openConnectionCount === 0 && listener.connections === 0);
    deaf.destroy();
  });

  it('closing the listener closes every session with CHANNEL_DESTROY, and every socket', async () => {
    const { listener, server } = await listeningServer();
    const adapter = tcpAdapter(listener.port);
    const sessions = await Promise.all([login(adapter, 'alice', PASSWORD), login(adapter, 'bob', USERS.bob)]);
    const heard: number[] = [];
    for (const s of sessions) {
      if (!s.ok) throw new Error(s.failure.reason);
      s.session.onServerClose((code) => heard.push(code));
    }
    expect(server.openSessionCount).toBe(2);
    await listener.close(ReasonCode.serverNotResponding);
    expect(listener.connections).toBe(0);
    expect(server.openConnectionCount).toBe(0);
    await eventually(() => heard.length === 2);
    expect(heard).toEqual([ReasonCode.serverNotResponding, ReasonCode.serverNotResponding]);
  });
});
