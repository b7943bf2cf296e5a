import { numericOption } from '../config/numeric-option.js';
import { createBes } from '../bes.js';
import { ConfigError } from '../config/config-error.js';
import type { BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { LinkCapture } from '../sametime/link/sametime-link.js';
import { sametimeBackend } from '../sametime/sametime-backend.js';
import { sametimeRulesBackend } from '../sametime/sametime-rules-backend.js';
import { groupwiseBackend } from '../groupwise/groupwise-backend.js';
import type { Clock } from '../time/clock.js';
import { createRandom } from '../random/seeded-random.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { deviceDay } from './device-day.js';
import { LoginRecorder } from './login-recorder.js';
import { FirstLogins } from './first-logins.js';
import { Population } from './population.js';
import type { ScenarioResult } from './result.js';
import { parseScenario, type Scenario, type ScenarioInput } from './scenario.js';
import { Tally } from './tally.js';

const MINUTE = 60_000;

/** How far a run has got: first setting up its devices, then in virtual time. */
export interface ScenarioProgress {
  /** `setup`: activating the devices (virtual time has not started); `run`: virtual time moving on. */
  readonly phase: 'setup' | 'run';
  /** Devices activated and started, of `devices`. */
  readonly devicesReady: number;
  /** Devices the run has in all. */
  readonly devices: number;
  /** Virtual time reached, in milliseconds. */
  readonly atMs: number;
  /** The end of the virtual period, in milliseconds. */
  readonly endMs: number;
  /** Login requests the devices have sent so far. */
  readonly loginsTried: number;
}

/** How `runScenario` reports progress, traces one login and captures its bytes. */
export interface RunScenarioOptions {
  /**
   * Called a fixed number of times while the devices are set up, then as virtual time moves on. If
   * it returns a promise the run awaits it (a CLI yields to its event loop there, so it hears
   * Ctrl-C); if it throws or the promise rejects, the run stops with that error. The figures do
   * not depend on it.
   */
  readonly onProgress?: (progress: ScenarioProgress) => unknown;
  /** Record one login hop by hop: device `pin`'s first, or without a PIN the run's first. */
  readonly traceLogin?: {
    /** The PIN of the device whose first login to trace. */
    readonly pin?: string;
  };
  /** Slices of the period in `timeline`. Default 60; a whole number from 1 to `MAX_TIMELINE_SLICES` (10,000). */
  readonly timelineSlices?: number;
  /**
   * Called once with the run's clock; the capture it returns sees every byte of the traced login's
   * 1533 connection, from HANDSHAKE until the connection closes (a `PcapRecorder`'s `capture`).
   * Needs `traceLogin`.
   */
  readonly captureTracedLogin?: (clock: Clock) => LinkCapture;
}

/**
 * The scenario's IM backend; a capture, when one is asked for, sees its link's bytes. At `logic`
 * fidelity, Sametime's rules without its protocol. GroupWise sessions ping only when asked: a ping
 * per session every keepalive interval changes no figure and doubled a day's wall time (as the
 * Sametime day sends no keepalive bytes either).
 */
function backendFor(scenario: Scenario, capture: LinkCapture | undefined): BackendFactory<ImBackend> {
  if (scenario.fidelity === 'logic') return sametimeRulesBackend();
  const options = capture === undefined ? {} : { capture };
  return scenario.backend === 'groupwise'
    ? groupwiseBackend({ ...options, keepalive: 'manual' })
    : sametimeBackend(options);
}

/** How many times a run moves the clock on and reports progress. */
const PROGRESS_STEPS = 100;
/** The hops whose trace events the tally counts from. */
const TALLIED_HOPS: readonly string[] = ['device', 'router', 'collaboration-service'];

function toMs(minutes: number | null): number | undefined {
  return minutes === null ? undefined : Math.max(1, Math.round(minutes * MINUTE));
}

/** The most slices a run's timeline may have. */
export const MAX_TIMELINE_SLICES = 10_000;

/**
 * Simulates the scenario's population logging in through one BES on a virtual clock and returns
 * what the admission rules did. The same scenario (seed included) gives the same result, on every
 * machine. A bad scenario throws `ConfigError` naming the field.
 */
export async function runScenario(
  input: Scenario | ScenarioInput,
  options: RunScenarioOptions = {},
): Promise<ScenarioResult> {
  const scenario = parseScenario(input);
  const slices = numericOption('runScenario', 'timelineSlices', options.timelineSlices ?? 60, {
    min: 1,
    max: MAX_TIMELINE_SLICES,
  });
  const endMs = Math.round(scenario.hours * 60 * MINUTE);
  const clock = new VirtualClock();
  const tally = new Tally(endMs, slices);
  const random = createRandom(scenario.seed);
  const population = new Population(scenario, random.fork('population'));
  const recorder =
    options.traceLogin === undefined
      ? undefined
      : new LoginRecorder(options.traceLogin.pin, (pin) => population.memberByPin(pin)?.userId ?? '');
  const observe =
    recorder === undefined
      ? tally.observe
      : (event: TraceEvent): void => {
          tally.observe(event);
          recorder.observe(event);
        };
  const logic = scenario.fidelity === 'logic';
  if (logic && scenario.backend !== 'sametime') {
    throw new ConfigError(
      'invalid scenario: fidelity: "logic" models Sametime\'s rules only; run a GroupWise scenario with "fidelity": "wire"',
      ['scenario.fidelity'],
    );
  }
  if (logic && options.captureTracedLogin !== undefined) {
    throw new ConfigError(
      'invalid scenario: fidelity: a "logic" run puts no bytes on the 1533 link, so there is no connection to capture',
      ['scenario.fidelity'],
    );
  }
  const tracedCapture = recorder === undefined ? undefined : options.captureTracedLogin?.(clock);
  const capture: LinkCapture | undefined =
    tracedCapture === undefined
      ? undefined
      : (direction, bytes, linkId, endpoints) => {
          if (linkId === recorder!.linkId) tracedCapture(direction, bytes, linkId, endpoints);
        };
  const { bes: b } = scenario;
  const idleTimeoutMs = toMs(b.idleTimeoutMinutes);
  const inactivityTimeoutMs = toMs(b.inactivityTimeoutMinutes);
  const bes = createBes<VirtualClock, ImBackend>({
    seed: scenario.seed,
    clock,
    fidelity: scenario.fidelity,
    observe,
    // The tally counts from three hops; only a traced login needs the others' events.
    ...(recorder === undefined ? { observeHops: TALLIED_HOPS } : {}),
    users: population,
    backend: backendFor(scenario, capture),
    config: {
      ...(b.maxSessions === null ? {} : { maxSessions: b.maxSessions }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      ...(inactivityTimeoutMs === undefined ? {} : { inactivityTimeoutMs }),
      collaborationService: b.collaborationService,
      sametime: { sessionLimit: b.sametimeSessionLimit },
      groupwise: { sessionLimit: b.groupwiseSessionLimit },
    },
  });

  const behaviour = random.fork('behaviour');
  const context = { clock, endMs, scenario, tally };
  let running = 0;
  const failures: unknown[] = [];
  const devices = population.count;
  const report = async (phase: ScenarioProgress['phase'], devicesReady: number): Promise<void> => {
    const pending = options.onProgress?.({
      phase,
      devicesReady,
      devices,
      atMs: clock.now(),
      endMs,
      loginsTried: tally.logins,
    });
    if (pending !== undefined) await pending;
  };
  // Setup is drawing every device's first login time: a device costs nothing more until it acts.
  const offlineMs = scenario.behaviour.offlineMinutes * MINUTE;
  const firstLogins = await FirstLogins.draw(devices, offlineMs, endMs, random.fork('first-logins'), (drawn) =>
    report('setup', drawn),
  );

  const dayEnds = {
    ended: (): void => {
      running--;
    },
    failed: (error: unknown): void => {
      running--;
      failures.push(error);
    },
  };
  /** Activates each device when its first login falls due, and starts its day there; one sleeper at a time. */
  const wakeDevices = async (): Promise<void> => {
    for (let next = firstLogins.next(); next !== undefined; next = firstLogins.next()) {
      const wait = next.at - clock.now();
      if (wait > 0) await clock.sleep(wait);
      const member = population.member(next.n);
      const activated = bes.activateDevice({
        pin: member.pin,
        userId: member.userId,
        activationPassword: member.password,
      });
      if (!activated.ok) throw new Error(`device ${member.pin} did not activate: ${activated.code}`);
      running++;
      deviceDay(context, member, activated.device, behaviour.fork(member.pin), next.at, dayEnds);
    }
  };
  running++;
  wakeDevices().then(
    () => running--,
    (error: unknown) => {
      running--;
      failures.push(error);
    },
  );

  for (let step = 1; step <= PROGRESS_STEPS; step++) {
    await clock.advanceTo(Math.round((endMs * step) / PROGRESS_STEPS));
    if (failures.length > 0) throw failures[0];
    await report('run', devices);
  }
  if (running !== 0) throw new Error(`${running} simulated devices were still busy at the end of the period`);
  // The figures come from the trace; they must agree with the connectivity cache itself.
  const stored = await bes.sessions.count();
  const counts = tally.counts();
  if (counts.sessions.openAtEnd !== stored) {
    throw new Error(
      `the trace counts ${counts.sessions.openAtEnd} open sessions at the end, the session store ${stored}`,
    );
  }

  const trace = recorder?.trace;
  return {
    scenario,
    period: { startMs: 0, endMs },
    ...counts,
    timeline: { bucketMs: endMs / tally.timeline.slices, buckets: tally.timeline.buckets() },
    ...(trace === undefined ? {} : { trace }),
  };
}
