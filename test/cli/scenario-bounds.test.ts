import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { estimateRunEvents, MAX_RUN_EVENTS, parseScenario, runScenario } from '../../src/simulation/index.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');
const STACK_FRAME = /^\s+at .+[(:]\d+/m;
/** A run the CLI should refuse at once; one still going after this long has not refused it. */
const GIVE_UP_MS = 20_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bes-collab <args>` in a child process, killed if it is still running after GIVE_UP_MS. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(repo, 'node_modules/tsx/dist/loader.mjs'), main, ...args], {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bes-collab-bounds-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function scenarioFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

/** Exit 2 and one line on standard error naming `field`: no stack trace, nothing on standard output. */
function expectRefused(run: Run, field: string): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(field);
}

const ESC = '\u001b';
const BEL = '\u0007';

describe('bes-collab simulate refuses a scenario no run can do, at once, in one line', () => {
  it('a timeout of 1e305 minutes is refused by the schema (it crashed with a stack trace)', async () => {
    const file = await scenarioFile('huge-timeout.json', JSON.stringify({ bes: { idleTimeoutMinutes: 1e305 } }));
    expectRefused(await cli('simulate', file), 'scenario.bes.idleTimeoutMinutes');
  }, 30_000);

  it('a status every 1e-9 minutes is refused (it ran for minutes, then ended in a ClockError)', async () => {
    const file = await scenarioFile(
      'status-storm.json',
      JSON.stringify({ behaviour: { statusIntervalMinutes: 1e-9 } }),
    );
    expectRefused(await cli('simulate', file), 'scenario.behaviour.statusIntervalMinutes');
  }, 30_000);

  it('a billion retries a nanosecond apart are refused', async () => {
    const file = await scenarioFile(
      'retry-storm.json',
      JSON.stringify({ behaviour: { retries: 1e9, retryMinutes: 1e-9 } }),
    );
    const run = await cli('simulate', file);
    expectRefused(run, 'scenario.behaviour.retries');
    expect(run.stderr).toContain('scenario.behaviour.retryMinutes');
  }, 30_000);

  it('fields each in range that together make too many events are refused by the estimate, saying what to change', async () => {
    const file = await scenarioFile(
      'too-much.json',
      JSON.stringify({
        hours: 24 * 366,
        users: { count: 10_000_000 },
        behaviour: { statusIntervalMinutes: 1, retries: 50, retryMinutes: 1 },
      }),
    );
    const run = await cli('simulate', file);
    expectRefused(run, 'events');
    expect(run.stderr).toContain(MAX_RUN_EVENTS.toLocaleString('en-US'));
  }, 30_000);

  it('a 1 MB seed is refused by its length (the default run took minutes with one)', async () => {
    const file = await scenarioFile('long-seed.json', JSON.stringify({ seed: 'x'.repeat(1024 * 1024) }));
    const run = await cli('simulate', file);
    expectRefused(run, 'scenario.seed');
    expect(run.stderr.length).toBeLessThan(400);
  }, 30_000);
});

describe('bes-collab simulate refuses flags no run can do the same way', () => {
  it('a period too short to chart, a 2,000-character seed, and a period and population too big together', async () => {
    const short = await cli('simulate', '--hours', '0.0000001');
    expectRefused(short, '--hours 1e-7: at least 1/60');
    const seed = await cli('simulate', '--seed', 'x'.repeat(2000));
    expectRefused(seed, '--seed xxxx');
    expect(seed.stderr.length).toBeLessThan(200);
    const big = await cli('simulate', '--hours', '8784', '--devices', '10000000');
    expectRefused(big, 'the default scenario: scenario: a run of about');
  }, 60_000);
});

describe('bes-collab prints what a scenario file says escaped', () => {
  it('a scenario name with terminal escape sequences is shown escaped', async () => {
    const file = await scenarioFile(
      'name.json',
      JSON.stringify({ name: `evil${ESC}]0;owned${BEL}${ESC}[2J`, hours: 1, users: { count: 5 } }),
    );
    const run = await cli('simulate', file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).not.toContain(BEL);
    expect(run.stdout).toContain('scenario "evil\\x1b]0;owned\\x07\\x1b[2J"');
  }, 60_000);

  it('bes-collab sweep shows the scenario name escaped too', async () => {
    const file = await scenarioFile(
      'sweep-name.json',
      JSON.stringify({ name: `evil${ESC}[2J${BEL}`, hours: 1, users: { count: 5 } }),
    );
    const run = await cli('sweep', file, '--max-sessions', '1,2', '--workers', '1');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain(ESC);
    expect(run.stdout).not.toContain(BEL);
    expect(run.stdout).toContain('scenario "evil\\x1b[2J\\x07"');
  }, 60_000);

  it('an unrecognised key with escape sequences is shown escaped, on one line', async () => {
    const file = await scenarioFile('key.json', '{ "na\\u001b[31mme\\n": 1 }');
    const run = await cli('simulate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(ESC);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('na\\x1b[31mme\\n');
  }, 30_000);
});

describe('periods the schema allows, a run can do', () => {
  it('runs a period beyond 149 hours (first logins once overflowed their keys there) up to the longest, 366 days', async () => {
    for (const hours of [200, 24 * 366]) {
      const result = await runScenario({
        hours,
        users: { count: 3 },
        behaviour: { offlineMinutes: 600, coverage: { lossesPerHour: 0 } },
      });
      expect(result.logins.tried, `${hours} h`).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('the event estimate', () => {
  it('lets the default scenario and a ten-million-device one through, with room to spare', () => {
    expect(estimateRunEvents(parseScenario({}))).toBeLessThan(MAX_RUN_EVENTS / 100);
    expect(estimateRunEvents(parseScenario({ users: { count: 10_000_000 } }))).toBeLessThan(MAX_RUN_EVENTS);
  });

  it('grows with devices, hours and status messages', () => {
    const base = estimateRunEvents(parseScenario({}));
    expect(estimateRunEvents(parseScenario({ users: { count: 6000 } }))).toBeCloseTo(2 * base, -1);
    expect(estimateRunEvents(parseScenario({ hours: 16 }))).toBeGreaterThan(1.5 * base);
    expect(estimateRunEvents(parseScenario({ behaviour: { statusIntervalMinutes: 1 } }))).toBeGreaterThan(5 * base);
  });

  it('is checked by parseScenario too, as a ConfigError', () => {
    expect(() =>
      parseScenario({ hours: 24 * 366, users: { count: 10_000_000 }, behaviour: { statusIntervalMinutes: 1 } }),
    ).toThrow(ConfigError);
  });
});
