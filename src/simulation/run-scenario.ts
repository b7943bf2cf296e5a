import { createBes } from '../bes.js';
import type { Device } from '../pipeline/device.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { LinkCapture } from '../sametime/link/sametime-link.js';
import { sametimeBackend } from '../sametime/sametime-backend.js';
import type { Clock } from '../time/clock.js';
import { createRandom } from '../random/seeded-random.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { deviceDay } from './device-day.js';
import { LoginRecorder } from './login-recorder.js';
import { besUsers, buildPopulation } from './population.js';
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
  readonly devices: number;
  readonly atMs: number;
  readonly endMs: number;
  readonly loginsTried: number;
}

export interface RunScenarioOptions {
  /**
   * Called a fixed number of times while the devices are set up, then as virtual time moves on. If
   * it returns a promise the run awaits it (a CLI yields to its event loop there, so it hears
   * Ctrl-C); if it throws or the promise rejects, the run stops with that error. The figures do
   * not depend on it.
   */
  readonly onProgress?: (progress: ScenarioProgress) => unknown;
  /** Record one login hop by hop: device `pin`'s first, or without a PIN the run's first. */
  readonly traceLogin?: { readonly pin?: string };
  /** Slices of the period in `timeline`. Default 60. */
  readonly timelineSlices?: number;
  /**
   * Called once with the run's clock; the capture it returns sees every byte of the traced login's
   * 1533 connection, from HANDSHAKE until the connection closes (a `PcapRecorder`'s `capture`).
   * Needs `traceLogin`.
   */
  readonly captureTracedLogin?: (clock: Clock) => LinkCapture;
}

/** How many times a run moves the clock on and reports progress. */
const PROGRESS_STEPS = 100;
/** How many times a run reports progress while it sets up its devices. */
const SETUP_STEPS = 100;

function toMs(minutes: number | null): number | undefined {
  return minutes === null ? undefined : Math.max(1, Math.round(minutes * MINUTE));
}

/**
 * Simulates the scenario's population logging in through one BES on a virtual clock and returns
 * what the admission rules did. The same scenario (seed included) gives the same result, on every
 * machine. A bad scenario throws `ConfigError` naming the field.
 */
export async function runScenario(input: Scenario | ScenarioInput, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const scenario = parseScenario(input);
  const endMs = Math.round(scenario.hours * 60 * MINUTE);
  const clock = new VirtualClock();
  const tally = new Tally(endMs, options.timelineSlices ?? 60);
  const random = createRandom(scenario.seed);
  const members = buildPopulation(scenario, random.fork('population'));
  const recorder =
    options.traceLogin === undefined
      ? undefined
      : new LoginRecorder(options.traceLogin.pin, (pin) => members.find((m) => m.pin === pin)?.userId ?? '');
  const observe =
    recorder === undefined
      ? tally.observe
      : (event: TraceEvent): void => {
          tally.observe(event);
          recorder.observe(event);
        };
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
  const bes = createBes({
    seed: scenario.seed,
    clock,
    observe,
    users: besUsers(members),
    ...(capture === undefined ? {} : { backend: sametimeBackend({ capture }) }),
    config: {
      ...(b.maxSessions === null ? {} : { maxSessions: b.maxSessions }),
      ...(idleTimeoutMs === undefined ? {} : { idleTimeoutMs }),
      ...(inactivityTimeoutMs === undefined ? {} : { inactivityTimeoutMs }),
      collaborationService: b.collaborationService,
      sametime: { sessionLimit: b.sametimeSessionLimit },
    },
  });

  const behaviour = random.fork('behaviour');
  const context = { clock, endMs, scenario, tally };
  let running = 0;
  const failures: unknown[] = [];
  const devices = members.length;
  const report = async (phase: ScenarioProgress['phase'], devicesReady: number): Promise<void> => {
    const pending = options.onProgress?.({ phase, devicesReady, devices, atMs: clock.now(), endMs, loginsTried: tally.logins });
    if (pending !== undefined) await pending;
  };
  const setupEvery = Math.max(1, Math.ceil(devices / SETUP_STEPS));
  // Each device's setup ends with its first sleep registered on the clock, so waiting for the
  // progress callback between two devices changes nothing in the run.
  for (const [index, member] of members.entries()) {
    if (index % setupEvery === 0) await report('setup', index);
    const activated = bes.activateDevice({ pin: member.pin, userId: member.userId, activationPassword: member.password });
    if (!activated.ok) throw new Error(`device ${member.pin} did not activate: ${activated.code}`);
    const device: Device = activated.device;
    running++;
    deviceDay(context, member, device, behaviour.fork(member.pin)).then(
      () => running--,
      (error: unknown) => {
        running--;
        failures.push(error);
      },
    );
  }

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
    throw new Error(`the trace counts ${counts.sessions.openAtEnd} open sessions at the end, the session store ${stored}`);
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
