import { afterAll, beforeAll, expect, it } from 'vitest';
import { AuthType, ReasonCode, type SametimeListener, type SametimeServer } from '../../src/sametime/index.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { describeWith } from '../support/external-program.js';
import { compileClient, gcc, meanwhileLibrary, pkgConfig, runClient } from './real-client/meanwhile.js';
import { PASSWORD, USERS } from './harness.js';
import { eventually, listeningServer } from './tcp-harness.js';

/** Each case waits at most 10 s for the client at each step; the client gives up after 10 s of silence. */
const CASE_TIMEOUT_MS = 30_000;

/** The auth type of every LOGIN the server received, by the name its trace gives it. */
function loginAuthTypes(events: readonly TraceEvent[]): (string | undefined)[] {
  return events.filter((e) => e.action === 'received' && e.message === 'LOGIN').map((e) => e.outcome);
}

async function settled(server: SametimeServer, listener: SametimeListener): Promise<void> {
  await eventually(() => server.openConnectionCount === 0 && listener.connections === 0);
}

describeWith(
  [gcc, pkgConfig, meanwhileLibrary()],
  'a real Sametime client (the open-source client library) against SametimeServer.listen',
  () => {
    let client: { binary: string; remove: () => void };
    beforeAll(async () => {
      client = await compileClient();
    }, 60_000);
    afterAll(() => client?.remove());

    it(
      'logs in with the right password using DH-RC2/128 (0x0004), and its logout closes the session',
      async () => {
        const { server, listener, events } = await listeningServer();
        try {
          const run = await runClient(client.binary, listener.port, 'alice', PASSWORD);
          expect(run.lines).toEqual([
            'state starting',
            'state handshake',
            'state handshake-ack',
            'state login',
            'state login-ack',
            'state started',
            'logged-in',
            'state stopping',
            'state stopped',
            'stopped 0x00000000',
          ]);
          expect(loginAuthTypes(events)).toEqual(['dh-rc2-128']);
          expect(events.filter((e) => e.action === 'logged-out').map((e) => e.outcome)).toEqual(['success']);
          await settled(server, listener);
        } finally {
          await listener.close();
        }
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'logs in with RC2/40 (0x0002) when the server offers no 64-byte Diffie-Hellman key',
      async () => {
        const { server, listener, events } = await listeningServer({ server: { authTypes: [AuthType.rc2_40] } });
        try {
          const run = await runClient(client.binary, listener.port, 'bob', USERS.bob);
          expect(run.loggedIn).toBe(true);
          expect(loginAuthTypes(events)).toEqual(['rc2-40']);
          await settled(server, listener);
        } finally {
          await listener.close();
        }
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'reports a wrong password as 0x80000211, an unknown user as 0x80000213, a full server as 0x8000020b',
      async () => {
        const { server, listener } = await listeningServer({ server: { capacity: 1 } });
        try {
          expect(await runClient(client.binary, listener.port, 'alice', 'not-the-password')).toMatchObject({
            loggedIn: false,
            stopped: '0x80000211',
          });
          expect(await runClient(client.binary, listener.port, 'mallory', PASSWORD)).toMatchObject({
            loggedIn: false,
            stopped: '0x80000213',
          });
          // One session holds the only place: the client below waits for one message before logging out.
          const holding = runClient(client.binary, listener.port, 'alice', PASSWORD, 1);
          await eventually(() => server.openSessionCount === 1, 10_000);
          expect(await runClient(client.binary, listener.port, 'bob', USERS.bob)).toMatchObject({
            loggedIn: false,
            stopped: '0x8000020b',
          });
          server.broadcast('free the place');
          expect(await holding).toMatchObject({ loggedIn: true, stopped: '0x00000000' });
          await settled(server, listener);
        } finally {
          await listener.close();
        }
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'shows an administrator’s broadcast and an announcement, and stays logged in through them',
      async () => {
        const { server, listener } = await listeningServer();
        try {
          const run = runClient(client.binary, listener.port, 'carol', USERS.carol, 2);
          await eventually(() => server.openSessionCount === 1, 10_000);
          const [session] = server.sessions();
          server.broadcast('Sametime restarts at 18:00');
          server.announce(session!.connectionId, 'meeting moved to 3pm', 'bob');
          const { lines, stopped } = await run;
          expect(lines.filter((l) => l.startsWith('admin ') || l.startsWith('announce '))).toEqual([
            'admin Sametime restarts at 18:00',
            'announce bob meeting moved to 3pm',
          ]);
          expect(stopped).toBe('0x00000000');
          await settled(server, listener);
        } finally {
          await listener.close();
        }
      },
      CASE_TIMEOUT_MS,
    );

    it(
      'is told why when the server shuts down: CHANNEL_DESTROY with the reason',
      async () => {
        const { server, listener } = await listeningServer();
        const run = runClient(client.binary, listener.port, 'alice', PASSWORD, 1);
        await eventually(() => server.openSessionCount === 1, 10_000);
        await listener.close(ReasonCode.serverNotResponding);
        expect(await run).toMatchObject({ loggedIn: true, stopped: '0x8000020c' });
        expect(server.openConnectionCount).toBe(0);
      },
      CASE_TIMEOUT_MS,
    );
  },
);
