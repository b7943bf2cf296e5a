import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type ScenarioResult } from '../../src/index.js';
import { describeWith, findProgram } from '../support/external-program.js';
import { office } from '../support/small-office.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');
const loader = join(repo, 'node_modules/tsx/dist/loader.mjs');
const script = findProgram('script', { hint: 'Debian package bsdutils' });

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bes-collab <args>` in a child process, as a user would (through tsx: no build needed). */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', loader, main, ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bes-collab-sweep-'));
  file = join(dir, 'office.json');
  await writeFile(file, JSON.stringify(office));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A `--json` sweep's document. */
interface SweepJson {
  readonly scenario: { readonly seed: number };
  readonly axes: Record<string, unknown>;
  readonly points: readonly {
    index: number;
    label: string;
    values: Record<string, number | null>;
    seed: number;
    result: ScenarioResult;
  }[];
  readonly wall: { readonly ms: number; readonly workers: number };
}

describe('bes-collab sweep', () => {
  it('--json: every point in order, each with the figures of a plain run of its scenario', async () => {
    const run = await cli(
      'sweep',
      file,
      '--max-sessions',
      '6..14:4',
      '--idle-timeout',
      '10,30',
      '--workers',
      '2',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sweep = JSON.parse(run.stdout) as SweepJson;
    expect(Object.keys(sweep)).toEqual(['scenario', 'axes', 'points', 'wall']);
    expect(sweep.axes).toEqual({ maxSessions: [6, 10, 14], idleTimeoutMinutes: [10, 30] });
    expect(sweep.wall.workers).toBe(2);
    expect(sweep.wall.ms).toBeGreaterThan(0);
    expect(sweep.points.map((p) => p.label)).toEqual([
      'maxSessions=6 idleTimeoutMinutes=10',
      'maxSessions=6 idleTimeoutMinutes=30',
      'maxSessions=10 idleTimeoutMinutes=10',
      'maxSessions=10 idleTimeoutMinutes=30',
      'maxSessions=14 idleTimeoutMinutes=10',
      'maxSessions=14 idleTimeoutMinutes=30',
    ]);
    for (const point of sweep.points) {
      expect(Object.keys(point)).toEqual(['index', 'values', 'label', 'seed', 'result']);
      expect(point.result.scenario.seed).toBe(point.seed);
      expect(point.result).toEqual(await runScenario(point.result.scenario));
    }
  }, 120_000);

  it('prints a row per point and the Server Busy share against the swept value, in 80 columns', async () => {
    const [text, json] = await Promise.all([
      cli('sweep', file, '--max-sessions', '6,10,14', '--idle-timeout', '10,30', '--workers', '2'),
      cli('sweep', file, '--max-sessions', '6,10,14', '--idle-timeout', '10,30', '--workers', '2', '--json'),
    ]);
    expect(text.code).toBe(0);
    const sweep = JSON.parse(json.stdout) as SweepJson;
    expect(text.stdout).toContain('bes-collab sweep: scenario "small office", seed 11; 6 points over');
    expect(text.stdout).toMatch(/^ +max +idle +server +busy +idle$/m);
    expect(text.stdout).toMatch(/^ +sessions +timeout +accepted +busy +share +failed +logouts +peak$/m);
    const rows = text.stdout.split('\n').filter((line) => /^ +\d+ +\d+ +[\d,]+ +[\d,]+ +\d+\.\d% /.test(line));
    expect(rows.map((row) => row.trim().split(/ +/))).toEqual(
      sweep.points.map(({ values, result }) => [
        String(values['maxSessions']),
        String(values['idleTimeoutMinutes']),
        String(result.logins.statuses.accepted.count),
        String(result.logins.statuses['server-busy'].count),
        `${(result.logins.statuses['server-busy'].share * 100).toFixed(1)}%`,
        String(result.logins.statuses.failed.count),
        String(result.idleLogouts.total),
        String(result.sessions.peak),
      ]),
    );
    expect(text.stdout).toContain('Server Busy share of the logins tried, by maximum sessions; idle timeout 10 min');
    expect(text.stdout).toContain('Server Busy share of the logins tried, by maximum sessions; idle timeout 30 min');
    expect(text.stdout).toMatch(/^ +6 +10 +14$/m);
    expect(text.stdout).toMatch(/Wall time {2}[\d.,]+ m?s on 2 workers/);
    for (const line of text.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  }, 120_000);

  it.each([
    [['--max-sessions', '800..400:50'], /^bes-collab: --max-sessions 800\.\.400:50: the range runs backwards/],
    [
      ['--max-sessions', '400..800:30'],
      /^bes-collab: --max-sessions 400\.\.800:30: 800 is not 400 plus whole steps of 30; 400\.\.790:30 or 400\.\.820:30$/,
    ],
    [['--max-sessions', '400..800'], /^bes-collab: --max-sessions 400\.\.800: a range needs a step/],
    [['--max-sessions', '400..800:0'], /^bes-collab: --max-sessions 400\.\.800:0: "0" is not a whole number above 0$/],
    [['--max-sessions', '4.5,6'], /^bes-collab: --max-sessions 4\.5: "4\.5" is not a whole number above 0$/],
    [['--idle-timeout', '15,,45'], /^bes-collab: --idle-timeout 15,,45: an empty value/],
    [['--idle-timeout', '15,30,15'], /^bes-collab: --idle-timeout 15,30,15: 15 is given twice$/],
    [['--devices', 'none,10'], /^bes-collab: --devices none: this value cannot be "none"$/],
    [['--devices', '1..100000:1'], /^bes-collab: --devices 1\.\.100000:1: 100000 values, more than the 1000/],
    [
      ['--max-sessions', '10,20000'],
      /^bes-collab: point maxSessions=20000: invalid scenario: scenario\.bes\.maxSessions: /,
    ],
    [['--workers', '0', '--max-sessions', '5,6'], /^bes-collab: --workers must be a whole number above 0, got "0"$/],
    [['--max-sessions', '6'], /^bes-collab: sweep needs something to sweep: /],
    [['--idle-timout', '5,6'], /^bes-collab: unknown option --idle-timout; did you mean --idle-timeout\?$/],
    [
      ['--max-sessions', '5,6', '--queue', 'http://db.example/x'],
      /^bes-collab: --queue takes a PostgreSQL URL, postgres:\/\/user@host:5432\/database$/,
    ],
    [
      ['--max-sessions', '5,6', '--queue', 'postgres://db.example/x', '--workers', '2'],
      /^bes-collab: --workers is for a sweep on this machine; /,
    ],
    [['--max-sessions', '5,6', '--point-timeout', '30'], /^bes-collab: --point-timeout is for a sweep with --queue$/],
    [
      ['--pcap', 'x.pcap', '--max-sessions', '5,6'],
      /^bes-collab: --pcap is an option of "simulate" and "trace", not of "sweep"$/,
    ],
  ])(
    'refuses %j with exit code 2 and one line',
    async (flags, message) => {
      const run = await cli('sweep', file, ...flags);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd()).toMatch(message);
      expect(run.stderr.split('\n')).toHaveLength(2);
    },
    60_000,
  );

  it('--idle-timeout is an option of sweep only', async () => {
    const run = await cli('simulate', '--idle-timeout', '15');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('bes-collab: --idle-timeout is an option of "sweep", not of "simulate"\n');
  }, 60_000);
});

describeWith([script], 'bes-collab sweep in a real terminal', () => {
  it('shows its progress, and Ctrl-C stops the workers, leaves a clean line and exit code 130', async () => {
    const command = `stty cols 80 rows 20; exec node --import tsx src/cli/main.ts sweep --devices 100000 --max-sessions 500..800:100`;
    const started = performance.now();
    const run = await new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
      const child = spawn(script.path!, ['-qefc', command, '/dev/null'], {
        cwd: repo,
        env: { ...process.env, TERM: 'xterm-256color', NO_COLOR: '1' },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let screen = '';
      let typed = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        screen += chunk;
        if (!typed && screen.includes('sweep: 0 of 4 points done (2 workers)')) {
          typed = true;
          setTimeout(() => child.stdin.write('\x03'), 1000);
        }
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, screen }));
    });
    expect(run.code).toBe(130);
    expect(run.screen.endsWith('\r\x1b[Kbes-collab: interrupted\r\n')).toBe(true);
    expect(run.screen).not.toContain('Server Busy share');
    // Four points of 100,000 devices take minutes; stopped, the process is gone at once.
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
