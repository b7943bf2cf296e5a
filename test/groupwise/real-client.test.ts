import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GroupWiseServer } from '../../src/groupwise/server/groupwise-server.js';
import type { GroupWiseTlsListener } from '../../src/groupwise/server/tls-listener.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { SystemClock } from '../../src/time/system-clock.js';
import { describeWith, findProgram } from '../support/external-program.js';
import { directory, passwordOf } from '../support/users.js';
import { compileClient, gcc, pkgConfig, purpleLibrary, runClient } from './real-client/novell.js';

const openssl = findProgram('openssl', { hint: 'Debian package openssl' });

describeWith(
  [gcc, pkgConfig, openssl, purpleLibrary()],
  "a real GroupWise client (libpurple's Novell plugin) against GroupWiseServer.listenTls",
  () => {
    const clock = new SystemClock();
    const events: TraceEvent[] = [];
    let dir: string;
    let client: Awaited<ReturnType<typeof compileClient>>;
    let server: GroupWiseServer;
    let listener: GroupWiseTlsListener;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'bes-collab-novell-cert-'));
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
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          join(dir, 'key.pem'),
          '-out',
          join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      server = new GroupWiseServer({
        clock,
        random: createRandom(3),
        users: directory(),
        observe: (e) => events.push(e),
      });
      listener = await server.listenTls({
        key: readFileSync(join(dir, 'key.pem')),
        cert: readFileSync(join(dir, 'cert.pem')),
        port: 0,
      });
      client = await compileClient();
    }, 60_000);

    afterAll(async () => {
      await listener?.close();
      client?.remove();
      rmSync(dir, { recursive: true, force: true });
    });

    it('logs in over TLS, says it is available, and its sign-off closes the session', async () => {
      const from = events.length;
      const lines = await runClient(client, listener.port, 'alice', passwordOf('alice'), 1);
      expect(lines.filter((l) => !l.startsWith('asked '))).toEqual(['signed-on', 'signing-off', 'exit 0']);
      // It was asked about the self-signed certificate, as its user would be, and accepted it.
      expect(lines[0]).toMatch(/^asked .*certificate.*: Accept$/);
      const heard = events
        .slice(from)
        .filter((e) => e.action === 'received')
        .map((e) => e.message);
      expect(heard.slice(0, 2)).toEqual(['login', 'setstatus']);
      await until(() => server.openConnectionCount === 0);
      expect(events.slice(from).some((e) => e.action === 'logged-out' && e.outcome === 'client-closed')).toBe(true);
    }, 30_000);

    it('shows a wrong password and an unknown user as the protocol’s result codes say', async () => {
      expect(await runClient(client, listener.port, 'bob', 'not-bobs-password')).toContain(
        'connection-error 2 Unable to login: Incorrect password',
      );
      expect(await runClient(client, listener.port, 'mallory', 'whatever')).toContain(
        'connection-error 0 Unable to login: User not found',
      );
      await until(() => server.openConnectionCount === 0);
    }, 30_000);
  },
);

async function until(condition: () => boolean, ms = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
