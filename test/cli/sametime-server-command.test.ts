import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../sametime/harness.js';
import { tcpAdapter } from '../sametime/tcp-harness.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bes-collab-st-server-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts `bes-collab sametime-server <args>` as a user would; `output` accumulates its stdout. */
function start(...args: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exit: Promise<number | null>;
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'sametime-server', ...args], { cwd: repo });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, output: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const until = Date.now() + 20_000;
  for (;;) {
    const match = pattern.exec(read());
    if (match !== null) return match;
    if (Date.now() > until) throw new Error(`never printed ${pattern}: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bes-collab sametime-server', () => {
  it('serves logins on loopback, logs each with its outcome, and on Ctrl-C closes every session with CHANNEL_DESTROY', async () => {
    const users = join(dir, 'users.json');
    await writeFile(
      users,
      JSON.stringify([
        { userId: 'alice', password: PASSWORD },
        { userId: 'bob', password: 'b0b' },
      ]),
    );
    const server = start('--port', '0', '--users', users);
    try {
      const [, host, port] = await waitFor(
        server.output,
        /listening on (127\.0\.0\.1):(\d+) \(auth dh-rc2-128, rc2-40; 2 users; capacity 10,000\)/,
      );
      expect(host).toBe('127.0.0.1');
      const adapter = tcpAdapter(Number(port));
      const alice = await adapter.login({ userId: 'alice', password: PASSWORD, pin: 'p1' });
      expect(await adapter.login({ userId: 'bob', password: 'wrong', pin: 'p2' })).toMatchObject({
        ok: false,
        failure: { reason: 'incorrect-login' },
      });
      expect(await adapter.login({ userId: 'eve', password: 'x', pin: 'p3' })).toMatchObject({
        ok: false,
        failure: { reason: 'user-unregistered' },
      });
      if (!alice.ok) throw new Error(alice.failure.reason);
      const heard: number[] = [];
      alice.session.onServerClose((code) => heard.push(code));
      server.child.kill('SIGINT');
      expect(await server.exit).toBe(0);
      expect(heard).toEqual([0]);
      const log = server.output();
      // Each connection is logged by its id, the one LOGIN_ACK gave the client: both ends' addresses.
      const id = alice.session.connectionId;
      expect(id).toMatch(/^127\.0\.0\.1:\d+->127\.0\.0\.1:\d+$/);
      expect(log).toContain(`${id}  login alice (dh-rc2-128): accepted`);
      expect(log).toMatch(
        /127\.0\.0\.1:\d+->127\.0\.0\.1:\d+ {2}login bob \(dh-rc2-128\): refused 0x80000211 incorrect-login/,
      );
      expect(log).toMatch(
        /127\.0\.0\.1:\d+->127\.0\.0\.1:\d+ {2}login eve \(dh-rc2-128\): refused 0x80000213 user-unregistered/,
      );
      expect(log).toMatch(
        new RegExp(
          `stopping: CHANNEL_DESTROY to 1 sessions\\n.*${id.replace(/\./g, '\\.')} {2}session of alice closed\\n.*stopped\\n$`,
        ),
      );
      expect(log).not.toContain(PASSWORD);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('offers only RC2/40 with --auth rc2-40', async () => {
    const users = join(dir, 'map.json');
    await writeFile(users, JSON.stringify({ alice: PASSWORD }));
    const server = start('--port', '0', '--users', users, '--auth', 'rc2-40');
    try {
      const [, port] = await waitFor(server.output, /listening on 127\.0\.0\.1:(\d+) \(auth rc2-40;/);
      const result = await tcpAdapter(Number(port)).login({ userId: 'alice', password: PASSWORD, pin: 'p1' });
      expect(result.ok).toBe(true);
      await waitFor(server.output, /login alice \(rc2-40\): accepted/);
      if (result.ok) await result.session.close('logout');
      await waitFor(server.output, /session of alice closed/);
      server.child.kill('SIGINT');
      expect(await server.exit).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('refuses a missing or bad users file with exit code 2 and a message naming it', async () => {
    const missing = start('--port', '0');
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toContain('--users <users.json> is required');
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify([{ userId: '', password: 'x' }]));
    const invalid = start('--port', '0', '--users', bad);
    expect(await invalid.exit).toBe(2);
    expect(invalid.stderr()).toMatch(/bad\.json: invalid user list: users\.0\.userId/);
    const flag = start('--users', bad, '--auth', 'plain');
    expect(await flag.exit).toBe(2);
  }, 60_000);
});
