import { describe, expect, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import { ConfigError } from '../../src/config/config-error.js';
import { pipe } from '../../src/pipeline/stage.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { runScenario } from '../../src/simulation/run-scenario.js';
import type { ScenarioInput } from '../../src/simulation/scenario.js';
import { PINS, USERS, credentials } from '../support/users.js';

/** Everything a run reports but what `logic` leaves out by design: the bytes on the air. */
function admissionFigures(result: Awaited<ReturnType<typeof runScenario>>): unknown {
  const { air: _bytes, scenario: _scenario, ...figures } = result;
  return figures;
}

/** A busy day: more users than room, idle sessions to log out, coverage lost, typos, silent devices. */
function busyDay(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    seed: 7,
    hours: 3,
    bes: { maxSessions: 60, idleTimeoutMinutes: 20, inactivityTimeoutMinutes: 40 },
    users: { count: 400, permittedShare: 0.95, wrongPasswordRate: 0.05 },
    behaviour: {
      offlineMinutes: 30,
      sessionMinutes: 25,
      statusIntervalMinutes: 10,
      silentShare: 0.2,
      coverage: { lossesPerHour: 1, minutesOut: 10 },
    },
    ...overrides,
  };
}

describe("fidelity 'logic': the same admission without the bytes", () => {
  const cases: [string, Partial<ScenarioInput>][] = [
    ['a maximum, idle and inactivity logouts, coverage losses', {}],
    [
      'a remote Collaboration Service',
      { bes: { maxSessions: 60, idleTimeoutMinutes: 20, collaborationService: 'remote' } },
    ],
    [
      'no maximum: the Sametime API limit answers Failed',
      { bes: { maxSessions: null, idleTimeoutMinutes: null, sametimeSessionLimit: 50 } },
    ],
  ];
  for (const [title, overrides] of cases) {
    it(`gives the wire model's figures for the same seed: ${title}`, async () => {
      const wire = await runScenario(busyDay(overrides));
      const logic = await runScenario({ ...busyDay(overrides), fidelity: 'logic' });
      expect(wire.logins.tried).toBeGreaterThan(500);
      expect(admissionFigures(logic)).toEqual(admissionFigures(wire));
      expect(wire.air.totalBytes).toBeGreaterThan(0);
      expect(logic.air.totalBytes).toBe(0);
      expect(logic.scenario.fidelity).toBe('logic');
    }, 60_000);
  }

  it('traces a login through the logic hops only: no sealed frame, no byte, no Sametime protocol', async () => {
    const wire = await runScenario(busyDay(), { traceLogin: {} });
    const logic = await runScenario({ ...busyDay(), fidelity: 'logic' }, { traceLogin: {} });
    const hops = (result: typeof wire) => new Set(result.trace?.events.map((e) => e.hop));
    expect(hops(wire)).toContain('dispatcher');
    expect(hops(logic)).toEqual(new Set(['device', 'router', 'collaboration-service']));
    expect(logic.trace?.events.filter((e) => e.bytes !== undefined || e.sealed === true)).toEqual([]);
    const service = (result: typeof wire) =>
      result.trace?.events.filter((e) => e.hop === 'collaboration-service').map((e) => `${e.action} ${e.outcome}`);
    expect(logic.trace?.status).toBe(wire.trace?.status);
    expect(service(logic)).toEqual(service(wire));
  }, 60_000);

  it('models Sametime only: a GroupWise scenario at logic fidelity is refused, naming the field', async () => {
    await expect(runScenario({ backend: 'groupwise', fidelity: 'logic' })).rejects.toThrow(/fidelity/);
  });

  it('reaches every admission status through createBes, and puts no byte on the air', async () => {
    const events: TraceEvent[] = [];
    const bes = createBes({
      seed: 3,
      fidelity: 'logic',
      users: USERS,
      observe: (e) => events.push(e),
      config: { maxSessions: 1 },
    });
    const device = (i: number) => {
      const activated = bes.activateDevice({
        pin: PINS[i]!,
        userId: USERS[i]!.userId,
        activationPassword: USERS[i]!.activationPassword,
      });
      if (!activated.ok) throw new Error(activated.code);
      return activated.device;
    };
    const alice = device(0);
    const bob = device(1);
    const gus = device(6);
    expect((await alice.login({ userId: 'alice', password: 'wrong' })).status).toBe('authentication-failed');
    expect((await gus.login(credentials(6))).status).toBe('access-denied');
    expect((await alice.login(credentials(0))).status).toBe('accepted');
    expect((await bob.login(credentials(1))).status).toBe('server-busy');
    expect((await alice.sendStatus('away')).status).toBe('ok');
    await bob.setCoverage(false);
    expect((await bob.login(credentials(1))).status).toBe('out-of-coverage');
    expect((await alice.logout()).status).toBe('logged-out');
    expect(bes.backend.openSessionCount).toBe(0);
    expect(await bes.sessions.count()).toBe(0);
    expect(events.filter((e) => e.bytes !== undefined || e.sealed === true)).toEqual([]);
    expect(new Set(events.map((e) => e.hop))).toEqual(new Set(['device', 'router', 'collaboration-service']));
  });

  it('answers Failed with no maximum once the backend limit is reached', async () => {
    const bes = createBes({ seed: 3, fidelity: 'logic', users: USERS, config: { sametime: { sessionLimit: 1 } } });
    const [a, b] = [0, 1].map((i) => {
      const activated = bes.activateDevice({
        pin: PINS[i]!,
        userId: USERS[i]!.userId,
        activationPassword: USERS[i]!.activationPassword,
      });
      if (!activated.ok) throw new Error(activated.code);
      return activated.device;
    });
    expect((await a!.login(credentials(0))).status).toBe('accepted');
    expect((await b!.login(credentials(1))).status).toBe('failed');
  });

  it('refuses what it cannot model, naming the option', () => {
    expect(() =>
      createBes({
        seed: 1,
        fidelity: 'logic',
        compose: (hops) => pipe(hops.device, hops.router, hops.dispatcher, hops.collaborationService, hops.backend),
      }),
    ).toThrow(ConfigError);
    expect(() => createBes({ seed: 1, fidelity: 'bytes' as 'wire' })).toThrow(/fidelity/);
    return expect(
      runScenario({ fidelity: 'logic' }, { traceLogin: {}, captureTracedLogin: () => () => {} }),
    ).rejects.toThrow(/capture/);
  });
});
