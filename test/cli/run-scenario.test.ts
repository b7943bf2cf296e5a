import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { LOGIN_STATUSES } from '../../src/pipeline/login-status.js';
import { runScenario } from '../../src/simulation/run-scenario.js';
import type { ScenarioInput } from '../../src/simulation/scenario.js';

/** A small, quick population: 40 users for two virtual hours, everyone permitted, no typos. */
function small(overrides: {
  bes?: ScenarioInput['bes'];
  users?: ScenarioInput['users'];
  behaviour?: ScenarioInput['behaviour'];
  seed?: number;
}): ScenarioInput {
  return {
    name: 'small',
    seed: overrides.seed ?? 1,
    hours: 2,
    bes: { maxSessions: null, idleTimeoutMinutes: null, inactivityTimeoutMinutes: null, ...overrides.bes },
    users: { count: 40, permittedShare: 1, wrongPasswordRate: 0, ...overrides.users },
    behaviour: { offlineMinutes: 10, sessionMinutes: 40, coverage: { lossesPerHour: 0 }, ...overrides.behaviour },
  };
}

describe('runScenario', () => {
  it('accepts every login when nothing stands in the way, and the statuses add up to the logins tried', async () => {
    const result = await runScenario(small({}));
    const { tried, statuses } = result.logins;
    expect(tried).toBeGreaterThan(40);
    expect(statuses.accepted.count).toBe(tried);
    expect(statuses.accepted.share).toBe(1);
    expect(LOGIN_STATUSES.reduce((sum, s) => sum + result.logins.statuses[s].count, 0)).toBe(tried);
    expect(result.period).toEqual({ startMs: 0, endMs: 2 * 3_600_000 });
  });

  it('answers Server Busy once the maximum is reached and no idle session can go', async () => {
    const result = await runScenario(small({ bes: { maxSessions: 10 } }));
    expect(result.logins.statuses['server-busy'].count).toBeGreaterThan(0);
    expect(result.sessions.peak).toBe(10);
    expect(Math.max(...result.timeline.buckets.map((b) => b.peakSessions))).toBe(10);
    expect(result.timeline.buckets.reduce((sum, b) => sum + b.serverBusy, 0)).toBe(
      result.logins.statuses['server-busy'].count,
    );
    expect(result.logins.statuses.failed.count).toBe(0);
  });

  it('answers Failed when no maximum is set and the Sametime API limit is reached', async () => {
    const result = await runScenario(small({ bes: { maxSessions: null, sametimeSessionLimit: 10 } }));
    expect(result.logins.statuses.failed.count).toBeGreaterThan(0);
    expect(result.logins.statuses['server-busy'].count).toBe(0);
    expect(result.sessions.peak).toBe(10);
  });

  it('answers Access Denied to the users the Configuration Database does not permit', async () => {
    const result = await runScenario(small({ users: { permittedShare: 0.75 } }));
    expect(result.logins.statuses['access-denied'].count).toBeGreaterThan(0);
    const denied = await runScenario(small({ users: { permittedShare: 0 } }));
    expect(denied.logins.statuses['access-denied'].count).toBe(denied.logins.tried);
    expect(denied.sessions.peak).toBe(0);
  });

  it('answers Authentication Failed to wrong passwords, and the user tries again', async () => {
    const result = await runScenario(small({ users: { wrongPasswordRate: 0.3 } }));
    expect(result.logins.statuses['authentication-failed'].count).toBeGreaterThan(0);
    expect(result.logins.statuses.accepted.count).toBeGreaterThan(0);
    const always = await runScenario(small({ users: { wrongPasswordRate: 1 } }));
    expect(always.logins.statuses['authentication-failed'].count).toBe(always.logins.tried);
  });

  it('logs out idle sessions to admit logins, split into out of coverage and no status', async () => {
    const result = await runScenario(
      small({
        bes: { maxSessions: 15, idleTimeoutMinutes: 10 },
        behaviour: { silentShare: 0.5, statusIntervalMinutes: 5, coverage: { lossesPerHour: 2, minutesOut: 20 } },
      }),
    );
    const { idleLogouts } = result;
    expect(idleLogouts.outOfCoverage).toBeGreaterThan(0);
    expect(idleLogouts.noStatus).toBeGreaterThan(0);
    expect(idleLogouts.total).toBe(idleLogouts.outOfCoverage + idleLogouts.noStatus);
    expect(result.coverageLosses).toBeGreaterThan(0);
    expect(result.statusMessages.sessionClosed).toBeGreaterThan(0);
  });

  it('closes inactive sessions with the inactivity timeout, maximum reached or not', async () => {
    const result = await runScenario(small({ bes: { inactivityTimeoutMinutes: 15 }, behaviour: { silentShare: 1 } }));
    expect(result.inactivityLogouts).toBeGreaterThan(0);
    expect(result.idleLogouts.total).toBe(0);
  });

  it('counts the bytes the Router relays for each login', async () => {
    const result = await runScenario(small({}));
    const { air } = result;
    expect(air.requestBytesPerLogin).toBeGreaterThan(0);
    expect(air.replyBytesPerLogin).toBeGreaterThan(0);
    expect(air.bytesPerLogin).toBeCloseTo(air.requestBytesPerLogin + air.replyBytesPerLogin, -1);
    expect(air.totalBytes).toBeGreaterThan(air.loginBytes);
  });

  it('gives the same result for the same scenario, and another for another seed', async () => {
    const scenario = small({ bes: { maxSessions: 12, idleTimeoutMinutes: 10 }, behaviour: { silentShare: 0.3 } });
    const first = await runScenario(scenario);
    expect(await runScenario(scenario)).toEqual(first);
    expect(await runScenario({ ...scenario, seed: 2 })).not.toEqual(first);
  });

  it('reports progress on virtual time, ending at the end of the period', async () => {
    const seen: number[] = [];
    await runScenario(small({}), { onProgress: ({ phase, atMs }) => phase === 'run' && seen.push(atMs) });
    expect(seen.length).toBeGreaterThan(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(2 * 3_600_000);
  });

  it('reports progress while it sets up the devices, before virtual time starts', async () => {
    const seen: Array<[string, number, number, number]> = [];
    await runScenario(small({ users: { count: 250 } }), {
      onProgress: ({ phase, devicesReady, devices, atMs }) => seen.push([phase, devicesReady, devices, atMs]),
    });
    const setup = seen.filter(([phase]) => phase === 'setup');
    expect(setup.length).toBeGreaterThanOrEqual(50);
    expect(setup[0]).toEqual(['setup', 0, 250, 0]);
    expect(setup.map(([, ready]) => ready)).toEqual([...setup.map(([, ready]) => ready)].sort((a, b) => a - b));
    expect(seen.findIndex(([phase]) => phase === 'run')).toBe(setup.length);
    expect(seen.filter(([phase]) => phase === 'run').every(([, ready, devices]) => ready === devices)).toBe(true);
  });

  it('gives the same figures whether or not the progress callback makes the run wait', async () => {
    const scenario = small({ bes: { maxSessions: 12, idleTimeoutMinutes: 10 }, users: { count: 300 } });
    const without = await runScenario(scenario);
    const waiting = await runScenario(scenario, { onProgress: () => new Promise((resolve) => setImmediate(resolve)) });
    expect(waiting).toEqual(without);
  }, 60_000);

  it('stops with the error the progress callback throws', async () => {
    const stop = new Error('interrupted');
    await expect(
      runScenario(small({}), {
        onProgress: ({ phase }) => {
          if (phase === 'run') throw stop;
        },
      }),
    ).rejects.toBe(stop);
  });

  it('records one device login hop by hop, through every port of the seed', async () => {
    const result = await runScenario(small({}), { traceLogin: { pin: '21000003' } });
    const trace = result.trace!;
    expect(trace).toMatchObject({ pin: '21000003', userId: 'user3', status: 'accepted' });
    expect(new Set(trace.events.map((e) => e.hop))).toEqual(
      new Set(['device', 'router', 'dispatcher', 'collaboration-service', 'sametime-adapter', 'sametime-server']),
    );
    expect(new Set(trace.events.flatMap((e) => (e.port === undefined ? [] : [e.port])))).toEqual(
      new Set([3101, 3200, 1533]),
    );
    expect(trace.events.every((e) => e.pin === undefined || e.pin === '21000003')).toBe(true);
    expect(JSON.stringify(trace)).not.toContain('secret-3');
  });

  it('refuses a bad scenario with a ConfigError naming the field', async () => {
    const error = await runScenario({ users: { count: 0 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields).toEqual(['scenario.users.count']);
    await expect(runScenario({ bes: { maxSessions: 20_000 } })).rejects.toThrow(/scenario\.bes\.maxSessions/);
    await expect(runScenario({ behaviour: { sessionMinutes: -1 } } as ScenarioInput)).rejects.toThrow(
      /behaviour\.sessionMinutes/,
    );
  });
});
