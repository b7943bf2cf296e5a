import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWith, findProgram } from '../support/external-program.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const script = findProgram('script', { hint: 'Debian package bsdutils' });

interface TerminalRun {
  readonly code: number | null;
  /** Everything the terminal received, standard output and standard error together. */
  readonly screen: string;
}

/**
 * Runs `bes-collab <args>` in a pseudo-terminal `columns` x `rows` (util-linux `script`), with
 * `env` on top of ours; `typeWhen` types Ctrl-C once the output contains it.
 */
function inTerminal(
  columns: number,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  typeWhen?: string,
): Promise<TerminalRun> {
  const command = `stty cols ${columns} rows 20; exec node --import tsx src/cli/main.ts ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn(script.path!, ['-qefc', command, '/dev/null'], {
      cwd: repo,
      env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: undefined, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let typed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (typeWhen !== undefined && !typed && screen.includes(typeWhen)) {
        typed = true;
        child.stdin.write('\x03');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

const SGR = /\x1b\[[0-9;]*m/g;

/** What the terminal shows line by line: each write after a carriage return or an erase is its own line. */
function drawnLines(screen: string): string[] {
  return screen
    .replace(SGR, '')
    .split(/\r\n|\r\x1b\[K|\r/)
    .filter((line) => line !== '');
}

const SMALL = ['simulate', '--devices', '1500'];

describeWith([script], 'bes-collab in a real terminal', () => {
  it('fits the progress bar and the charts to a 60-column terminal, and clears the bar', async () => {
    const run = await inTerminal(60, SMALL);
    expect(run.code).toBe(0);
    expect(run.screen).toContain('░');
    for (const line of drawnLines(run.screen)) expect([...line].length, line).toBeLessThanOrEqual(60);
    const bars = drawnLines(run.screen).filter((line) => line.includes('░'));
    for (const bar of bars) expect([...bar].length, bar).toBeLessThanOrEqual(59);
    // The summary starts on a clean line: the bar was erased first.
    expect(run.screen).toMatch(/\r\x1b\[Kbes-collab simulate: scenario "default"/);
    expect(run.screen).toMatch(/^ *0 └─{40,52}\r$/m);
  }, 60_000);

  it('fits the charts to a 40-column terminal', async () => {
    const run = await inTerminal(40, [...SMALL, '--no-progress']);
    expect(run.code).toBe(0);
    expect(run.screen).not.toContain('░');
    const chart = drawnLines(run.screen.slice(run.screen.indexOf('Concurrent sessions')));
    for (const line of chart) expect([...line].length, line).toBeLessThanOrEqual(40);
    expect(chart.some((line) => /^ *0 └─{20,36}$/.test(line))).toBe(true);
  }, 60_000);

  it('writes no escape sequence at all with TERM=dumb', async () => {
    const run = await inTerminal(60, SMALL, { TERM: 'dumb' });
    expect(run.code).toBe(0);
    expect(run.screen).toContain('░');
    expect(run.screen).not.toContain('\x1b');
  }, 60_000);

  it('colours the bar, and not with NO_COLOR set', async () => {
    const [coloured, plain] = await Promise.all([inTerminal(80, SMALL), inTerminal(80, SMALL, { NO_COLOR: '1' })]);
    expect(coloured.screen).toMatch(SGR);
    expect(plain.screen).toContain('░');
    expect(plain.screen).not.toMatch(SGR);
    expect(plain.screen).toContain('\x1b[K');
  }, 60_000);

  it('shows progress while it sets up the devices, and Ctrl-C leaves a clean line and exit code 130', async () => {
    const run = await inTerminal(80, ['simulate', '--devices', '10000000'], {}, 'setting up devices');
    expect(run.code).toBe(130);
    expect(run.screen).toMatch(/\d+% {2}setting up devices {2}[\d,]+ of 10,000,000/);
    expect(run.screen.endsWith('\r\x1b[Kbes-collab: interrupted\r\n')).toBe(true);
    expect(run.screen).not.toContain('Logins tried');
  }, 120_000);
});
