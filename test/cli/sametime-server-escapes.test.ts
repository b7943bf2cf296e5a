import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../sametime/harness.js';
import { tcpAdapter } from '../sametime/tcp-harness.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');
const ESC = '\u001b';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bes-collab-st-escapes-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function waitFor(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const until = Date.now() + 20_000;
  for (;;) {
    const match = pattern.exec(read());
    if (match !== null) return match;
    if (Date.now() > until) throw new Error(`never printed ${pattern}: ${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('bes-collab sametime-server prints what a client sends escaped', () => {
  it('a user id with terminal escape sequences, sent by a client over TCP, is logged escaped on one line', async () => {
    const users = join(dir, 'users.json');
    await writeFile(users, JSON.stringify([{ userId: 'alice', password: PASSWORD }]));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', main, 'sametime-server', '--port', '0', '--users', users],
      { cwd: repo },
    );
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      const [, port] = await waitFor(() => stdout, /listening on 127\.0\.0\.1:(\d+)/);
      const result = await tcpAdapter(Number(port)).login({
        userId: `eve${ESC}]0;owned\u0007${ESC}[2J\nfake line`,
        password: 'x',
        pin: 'p1',
      });
      expect(result.ok).toBe(false);
      await waitFor(() => stdout, /login eve/);
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(stdout).not.toContain(ESC);
      expect(stdout).not.toContain('\u0007');
      expect(stdout).toMatch(
        / {2}login eve\\x1b\]0;owned\\x07\\x1b\[2J\\nfake line \(dh-rc2-128\): refused 0x80000213 user-unregistered\n/,
      );
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
