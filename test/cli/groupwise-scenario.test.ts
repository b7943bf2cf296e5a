import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderMermaid } from '../../src/cli/mermaid.js';
import { ConfigError } from '../../src/config/config-error.js';
import { runScenario } from '../../src/simulation/run-scenario.js';
import { parseScenario, type ScenarioInput } from '../../src/simulation/scenario.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function small(bes: ScenarioInput['bes'] = {}, backend: 'sametime' | 'groupwise' = 'groupwise'): ScenarioInput {
  return {
    name: 'small',
    backend,
    seed: 3,
    hours: 2,
    bes: { maxSessions: null, idleTimeoutMinutes: null, inactivityTimeoutMinutes: null, ...bes },
    users: { count: 40, permittedShare: 1, wrongPasswordRate: 0 },
    behaviour: { offlineMinutes: 10, sessionMinutes: 40, coverage: { lossesPerHour: 0 } },
  };
}

describe('a scenario on GroupWise Messenger', () => {
  it('defaults to Sametime, and chooses GroupWise with "backend": "groupwise"', () => {
    expect(parseScenario({}).backend).toBe('sametime');
    expect(parseScenario({ backend: 'groupwise' })).toMatchObject({
      backend: 'groupwise',
      bes: { groupwiseSessionLimit: 5120 },
    });
    expect(() => parseScenario({ backend: 'notes' })).toThrow(ConfigError);
  });

  it('refuses a maximum above the GroupWise protocol’s limit, naming the field', () => {
    expect(() =>
      parseScenario({ backend: 'groupwise', bes: { maxSessions: 400, groupwiseSessionLimit: 300 } }),
    ).toThrow(/scenario\.bes\.maxSessions: 400 is more than the 300 sessions the GroupWise protocol supports/);
  });

  it('accepts every login when nothing stands in the way, through the GroupWise hops', async () => {
    const result = await runScenario(small(), { traceLogin: {} });
    expect(result.logins.tried).toBeGreaterThan(40);
    expect(result.logins.statuses.accepted.count).toBe(result.logins.tried);
    const hops = new Set(result.trace?.events.map((e) => e.hop));
    expect(hops.has('groupwise-adapter')).toBe(true);
    expect(hops.has('groupwise-server')).toBe(true);
    expect(hops.has('sametime-adapter')).toBe(false);
    // Its sequence diagram draws the GroupWise hops, not Sametime's.
    const diagram = renderMermaid(result.trace!);
    expect(diagram).toContain('participant GroupWise as Novell GroupWise Messenger server');
    expect(diagram).toMatch(/Adapter->>GroupWise: sent login: ssl stand-in, port 8300/);
    expect(diagram).not.toContain('undefined');
    expect(diagram).not.toContain('Sametime');
  });

  it('with no maximum, answers Failed once the sessions equal the protocol’s limit', async () => {
    const result = await runScenario(small({ groupwiseSessionLimit: 10 }));
    expect(result.logins.statuses.failed.count).toBeGreaterThan(0);
    expect(result.sessions.peak).toBe(10);
    // Sametime's limit plays no part.
    const onSametime = await runScenario(small({ groupwiseSessionLimit: 10 }, 'sametime'));
    expect(onSametime.logins.statuses.failed.count).toBe(0);
  });
});

describe('the same day on either backend', () => {
  it('gives the same figures: admission, statuses and timeouts are the shared code', async () => {
    const onGroupWise = await runScenario(small({ groupwiseSessionLimit: 12, inactivityTimeoutMinutes: 30 }));
    const onSametime = await runScenario(small({ sametimeSessionLimit: 12, inactivityTimeoutMinutes: 30 }, 'sametime'));
    expect(onGroupWise.logins.statuses.failed.count).toBeGreaterThan(0);
    expect(onGroupWise.logins).toEqual(onSametime.logins);
    expect(onGroupWise.sessions).toEqual(onSametime.sessions);
    expect(onGroupWise.inactivityLogouts).toBe(onSametime.inactivityLogouts);
  });
});

describe('npm start -- examples/groupwise.json', () => {
  it('runs a GroupWise day from the example (here shortened), and says which limit applies', async () => {
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          join(repo, 'node_modules/tsx/dist/loader.mjs'),
          join(repo, 'src/cli/main.ts'),
          'simulate',
          'examples/groupwise.json',
          '--hours',
          '2',
          '--devices',
          '300',
        ],
        { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('scenario "groupwise: a working day on GroupWise Messenger');
    expect(run.stdout).toContain('GroupWise protocol limit 300 sessions');
    expect(run.stdout).toMatch(/accepted\s+[1-9][\d,]*/);
  }, 120_000);
});
