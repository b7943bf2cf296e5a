import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const main = join(repo, 'src/cli/main.ts');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `bes-collab <args>` as a user would, in a child process (through tsx: no build needed). */
function cli(...args: string[]): Promise<Run> {
  return cliIn(repo, ...args);
}

/** `cli`, from the directory `cwd`. */
function cliIn(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', join(repo, 'node_modules/tsx/dist/loader.mjs'), main, ...args], {
      cwd,
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

/** The figures of a `--json` run without the wall-time ones, which differ from run to run. */
function figures(stdout: string): unknown {
  const { wall, ...rest } = JSON.parse(stdout) as { wall: { ms: number; loginsPerSecond: number } };
  expect(wall.ms).toBeGreaterThan(0);
  return rest;
}

const STACK_FRAME = /^\s+at .+[(:]\d+/m;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bes-collab-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small scenario file: quick to run, no maximum, everyone permitted, so every login is accepted. */
async function smallScenario(name = 'small.json', extra: object = {}): Promise<string> {
  const file = join(dir, name);
  const scenario = {
    name: 'small office',
    seed: 5,
    hours: 2,
    bes: { maxSessions: null },
    users: { count: 30, permittedShare: 1, wrongPasswordRate: 0 },
    behaviour: { offlineMinutes: 5, sessionMinutes: 60 },
    ...extra,
  };
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

describe('bes-collab simulate', () => {
  it('runs the default scenario: a summary naming every status, a chart, the period and the wall time', async () => {
    const run = await cli('simulate');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(''); // not a terminal: no progress bar
    for (const text of [
      'scenario "default", seed 42',
      'Logins tried',
      'accepted',
      'server busy',
      'failed',
      'access denied',
      'authentication failed',
      'Sessions logged out as idle',
      'out of coverage',
      'no status messages',
      'Inactivity closes',
      'Peak concurrent sessions',
      'Bytes on the air per login',
      'Concurrent sessions, peak per 8 min; the maximum, 600, reached',
      '600 max ┤',
      'Logins turned away for capacity',
      'Virtual period  8 h (00:00:00 to 08:00:00)',
      'logins per wall second',
    ]) {
      expect(run.stdout).toContain(text);
    }
    const tried = Number(/Logins tried\s+([\d,]+)/.exec(run.stdout)?.[1]?.replace(/,/g, ''));
    expect(tried).toBeGreaterThanOrEqual(10_000);
    expect(run.stdout).toMatch(/server busy\s+[1-9][\d,]*\s+\d+\.\d%/);
  }, 120_000);

  it('runs a scenario file, with flags over its fields', async () => {
    const file = await smallScenario();
    const run = await cli('simulate', file, '--devices', '20', '--hours', '1', '--max-sessions', '5', '--seed', '9');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scenario "small office", seed 9');
    expect(run.stdout).toContain('20 users (20 permitted)');
    expect(run.stdout).toContain('maximum 5 sessions');
    expect(run.stdout).toContain('Virtual period  1 h (00:00:00 to 01:00:00)');
    expect(run.stdout).toMatch(/Peak concurrent sessions\s+5\b/);
  }, 60_000);

  it('runs the example under examples/', async () => {
    const run = await cli('simulate', 'examples/no-maximum.json', '--hours', '1', '--devices', '200', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { scenario: { bes: { maxSessions: null; collaborationService: string } } };
    expect(result.scenario.bes).toMatchObject({ maxSessions: null, collaborationService: 'remote' });
  }, 60_000);

  it.each([
    ['a field out of range', { users: { count: -3 } }, 'scenario.users.count'],
    ['a field of the wrong type', { bes: { maxSessions: 'many' } }, 'scenario.bes.maxSessions'],
    ['an unknown field', { behaviour: { sessionMinute: 30 } }, 'scenario.behaviour'],
    [
      'a maximum above the Sametime limit',
      { bes: { maxSessions: 500, sametimeSessionLimit: 100 } },
      'scenario.bes.maxSessions',
    ],
  ])(
    'refuses a scenario with %s: exit code 2, the field named, no stack trace',
    async (_, scenario, field) => {
      const file = join(dir, 'bad.json');
      await writeFile(file, JSON.stringify(scenario));
      const run = await cli('simulate', file);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(field);
      expect(run.stderr).toContain(file);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.each([
    [
      'a file that is not JSON',
      async () => {
        const file = join(dir, 'broken.json');
        await writeFile(file, '{ "users": { "count": 3 ');
        return file;
      },
      'is not JSON',
    ],
    ['a file that does not exist', async () => join(dir, 'missing.json'), 'no such file'],
  ])(
    'refuses %s with exit code 2 and no stack trace',
    async (_, make, message) => {
      const run = await cli('simulate', await make());
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    },
    60_000,
  );

  it.each([
    ['null', 'null', 'not null'],
    ['an array', '[{}]', 'not an array'],
    ['a number', '3', 'not a number'],
  ])(
    'refuses a scenario file holding %s, rather than running the default scenario',
    async (_, text, found) => {
      const file = join(dir, 'not-an-object.json');
      await writeFile(file, text);
      const run = await cli('simulate', file);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(
        `bes-collab: ${file}: a scenario file holds one JSON object ({} for the default scenario), ${found}\n`,
      );
    },
    60_000,
  );

  it('names the flag the user typed when the scenario refuses its value', async () => {
    const [devices, maximum] = await Promise.all([
      cli('simulate', '--devices', '20000000'),
      cli('simulate', 'examples/no-maximum.json', '--max-sessions', '400'),
    ]);
    expect(devices.code).toBe(2);
    expect(devices.stderr).toBe(
      "bes-collab: --devices 20000000: at most 10,000,000 devices: a device's PIN and its first login are packed into one number, and 10,000,000 fit in the default heap\n",
    );
    expect(maximum.code).toBe(2);
    expect(maximum.stderr).toBe(
      'bes-collab: --max-sessions 400: 400 is more than the 350 sessions the Sametime API supports (bes.sametimeSessionLimit)\n',
    );
  }, 60_000);

  it('refuses bad flags with exit code 2', async () => {
    const cases = [
      ['simulate', '--devices', '0'],
      ['simulate', '--hours', 'x'],
      ['simulate', '--colour'],
      ['simulat'],
      ['simulate', '--trace', '99999'],
    ];
    const runs = await Promise.all(cases.map((args) => cli(...args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^bes-collab: /);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    });
  }, 60_000);

  it('prints its usage with --help, in 80 columns: the commands, the exit codes, the scenario format and examples', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: bes-collab simulate [scenario.json]');
    expect(run.stdout).toContain('bes-collab trace <device> [scenario.json]');
    for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const code of ['0', '1', '2', '130']) expect(run.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    expect(run.stdout).toContain('https://github.com/bes-collab/bes-collab#the-scenario-format');
    expect(run.stdout).toContain('bes-collab/scenario.schema.json');
    const examples = run.stdout
      .slice(run.stdout.indexOf('Examples'))
      .split('\n')
      .filter((line) => line.startsWith('  bes-collab '));
    expect(examples.length).toBeGreaterThanOrEqual(4);
    expect((await cli('-h')).stdout).toBe(run.stdout);
  }, 60_000);

  it('runs the examples its --help gives, even from a directory with no examples/ (they are in the package)', async () => {
    const run = await cliIn(dir, 'simulate', 'examples/no-maximum.json', '--hours', '1', '--devices', '100', '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { scenario: { name: string } }).scenario.name).toMatch(/^no-maximum: /);
    const missing = await cliIn(dir, 'simulate', 'examples/none-such.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('bes-collab: cannot read examples/none-such.json: no such file\n');
  }, 60_000);

  it('prints its version with --version and -v', async () => {
    const { version } = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const run = await cli(flag);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`bes-collab ${version}\n`);
    }
  }, 60_000);

  it('answers an unknown option or command in its own words, with the closest match', async () => {
    const [option, command] = await Promise.all([cli('simulate', '--seeds', '3'), cli('simulat')]);
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('bes-collab: unknown option --seeds; did you mean --seed?\n');
    expect(command.code).toBe(2);
    expect(command.stderr).toBe('bes-collab: unknown command "simulat"; did you mean simulate?\n');
  }, 60_000);

  it('bes-collab trace <device> prints the trace alone, and --json prints it as JSON', async () => {
    const file = await smallScenario();
    const [text, json] = await Promise.all([cli('trace', '4', file), cli('trace', 'user4', file, '--json')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Login of device 21000004 \(user4\) at \d\d:\d\d:\d\d\.\d{3} virtual time: accepted\n/,
    );
    expect(text.stdout).not.toContain('Logins tried');
    expect(text.stdout).not.toContain('Concurrent sessions');
    expect(text.stdout).toMatch(/^ +1 {2}\d\d:\d\d:\d\d\.\d{3} {2}(BlackBerry device|Device) +->/m);
    const trace = JSON.parse(json.stdout) as { pin: string; status: string; events: unknown[] };
    expect(trace).toMatchObject({ pin: '21000004', status: 'accepted' });
    expect(trace.events.length).toBeGreaterThan(10);
  }, 60_000);

  it('prints the same JSON for the same scenario and seed, wall time aside', async () => {
    const file = await smallScenario('json.json', {
      bes: { maxSessions: 8, idleTimeoutMinutes: 10 },
      behaviour: { silentShare: 0.3 },
    });
    const [first, second] = await Promise.all([cli('simulate', file, '--json'), cli('simulate', file, '--json')]);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(figures(second.stdout)).toEqual(figures(first.stdout));
    const result = figures(first.stdout) as { logins: { tried: number; statuses: Record<string, { count: number }> } };
    expect(Object.keys(result.logins.statuses)).toEqual(
      expect.arrayContaining(['accepted', 'server-busy', 'failed', 'access-denied', 'authentication-failed']),
    );
    const other = await cli('simulate', file, '--json', '--seed', '6');
    expect(figures(other.stdout)).not.toEqual(figures(first.stdout));
  }, 60_000);

  it('traces one device login hop by hop, and writes it as a Mermaid sequence diagram', async () => {
    const file = await smallScenario();
    const diagram = join(dir, 'login.mmd');
    const run = await cli('simulate', file, '--trace', '21000004', '--mermaid', diagram);
    expect(run.code).toBe(0);
    const trace = run.stdout.slice(run.stdout.indexOf('Login of device 21000004 (user4)'));
    expect(trace).toMatch(/^Login of device 21000004 \(user4\) at \d\d:\d\d:\d\d\.\d{3} virtual time: accepted/);
    for (const text of [
      'BlackBerry device',
      'BlackBerry Router',
      '3101',
      'BlackBerry Dispatcher',
      'BlackBerry Collaboration Service',
      '3200',
      'IBM Sametime server',
      '1533',
      'sealed',
      'login-request',
      'LOGIN_ACK',
    ]) {
      expect(trace).toContain(text);
    }
    const mermaid = await readFile(diagram, 'utf8');
    expect(mermaid.startsWith('sequenceDiagram\n')).toBe(true);
    for (const text of [
      'Device->>Router',
      'Router->>Dispatcher',
      'Dispatcher->>Collab',
      'Adapter->>Sametime',
      'Router-->>Device',
    ]) {
      expect(mermaid).toContain(text);
    }
    for (const text of [
      'BlackBerry device 21000004',
      'BlackBerry Router',
      'BlackBerry Dispatcher',
      'BlackBerry Collaboration Service',
      'IBM Sametime server',
      'port 3101',
      'port 3200',
      'port 1533',
    ]) {
      expect(mermaid).toContain(text);
    }
    expect(mermaid).not.toContain('secret-4');
  }, 60_000);

  it('accepts a device number or a user id for --trace', async () => {
    const file = await smallScenario();
    const runs = await Promise.all(['4', 'user4'].map((spec) => cli('simulate', file, '--trace', spec)));
    for (const run of runs) expect(run.stdout).toContain('Login of device 21000004 (user4)');
  }, 60_000);
});
