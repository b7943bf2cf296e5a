import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import { GroupWiseAdapter } from '../../src/groupwise/adapter/groupwise-adapter.js';
import { groupwiseTlsBackend } from '../../src/groupwise/groupwise-tls-backend.js';
import { TlsConnector } from '../../src/groupwise/link/tls-connector.js';
import { GroupWiseServer } from '../../src/groupwise/server/groupwise-server.js';
import type { GroupWiseTlsListener } from '../../src/groupwise/server/tls-listener.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { SystemClock } from '../../src/time/system-clock.js';
import { describeWith, findProgram } from '../support/external-program.js';
import { directory, passwordOf, USERS } from '../support/users.js';

const openssl = findProgram('openssl', { hint: 'apt-get install openssl' });

describeWith([openssl], 'GroupWise over TCP + TLS on loopback', () => {
  const clock = new SystemClock();
  let dir: string;
  let cert: string;
  let server: GroupWiseServer;
  let listener: GroupWiseTlsListener;
  const received: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bes-collab-gw-tls-'));
    execFileSync(
      openssl.path!,
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    server = new GroupWiseServer({
      clock,
      random: createRandom(1),
      users: directory(),
      keepaliveMinutes: 1,
      observe: (e) => {
        if (e.action === 'received' && e.message !== undefined) received.push(e.message);
      },
    });
    listener = await server.listenTls({ key: readFileSync(join(dir, 'key.pem')), cert, port: 0 });
  });

  afterAll(async () => {
    await listener?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const adapter = (trustCertificate = true) =>
    new GroupWiseAdapter({
      connector: new TlsConnector({ clock, connectTimeoutMs: 5_000, ...(trustCertificate ? { ca: cert } : {}) }),
      clock,
      host: '127.0.0.1',
      port: listener.port,
      sessionLimit: 10,
      loginTimeoutMs: 5_000,
      keepalive: 'manual',
    });

  it('logs in, pings, and logs out by closing the connection', async () => {
    const result = await adapter().login({ pin: '2100000A', userId: 'alice', password: passwordOf('alice') });
    if (!result.ok) throw new Error(`login failed: ${result.failure.reason}`);
    const session = result.session;
    expect(session.keepaliveMs).toBe(60_000);
    await until(() => server.session(session.connectionId)?.status?.status === 2);
    expect(session.ping()).toBe(true);
    await until(() => server.session(session.connectionId)?.pings === 1);
    session.close('logout');
    await until(() => server.openConnectionCount === 0);
    expect(received.slice(0, 3)).toEqual(['login', 'setstatus', 'ping']);
  });

  it('answers a wrong password with PASSWORD_INVALID, as Authentication Failed', async () => {
    const result = await adapter().login({ pin: '2100000B', userId: 'bob', password: 'not-bobs' });
    expect(result).toEqual({
      ok: false,
      failure: { status: 'authentication-failed', reason: 'password-invalid', reasonCode: 0xd10c },
    });
    await until(() => server.openConnectionCount === 0);
  });

  it('refuses a server whose certificate it does not trust: unreachable, and nothing sent', async () => {
    const before = received.length;
    const result = await adapter(false).login({ pin: '2100000C', userId: 'carol', password: passwordOf('carol') });
    expect(result).toEqual({ ok: false, failure: { status: 'failed', reason: 'unreachable' } });
    expect(received.length).toBe(before);
  });

  it('a whole BES on groupwiseTlsBackend() logs a device in and out', async () => {
    const bes = createBes({
      seed: 1,
      clock,
      users: USERS,
      config: { groupwise: { host: '127.0.0.1', port: listener.port, loginTimeoutMs: 5_000 } },
      backend: groupwiseTlsBackend({ ca: cert, connectTimeoutMs: 5_000 }),
    });
    const activation = bes.activateDevice({
      pin: '2100000D',
      userId: 'dave',
      activationPassword: USERS[3].activationPassword,
    });
    if (!activation.ok) throw new Error(activation.code);
    expect((await activation.device.login({ userId: 'dave', password: passwordOf('dave') })).status).toBe('accepted');
    expect(server.sessionsOf('dave')).toHaveLength(1);
    expect(await activation.device.logout()).toEqual({ status: 'logged-out' });
    await until(() => server.sessionsOf('dave').length === 0);
  });
});

it('groupwiseTlsBackend() refuses a virtual clock', () => {
  expect(() => createBes({ seed: 1, backend: groupwiseTlsBackend() })).toThrow(
    /clock: groupwiseTlsBackend\(\) talks to real sockets/,
  );
});

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
