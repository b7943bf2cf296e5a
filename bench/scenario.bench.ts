/**
 * Benchmark 5, the scenario runner at the speed of its logins, all measured in this one run:
 *
 * a. CPU per login tried in `runScenario` (the default behaviour, many devices) against one bare
 *    login + logout through `createBes` (100 devices, no observer). Target: at most 1.5x.
 * b. The same scenario with `fidelity: 'logic'` against a plain discrete-event simulation of the
 *    same behaviour and rules (`plain-simulation.ts`). Target: at most 3x. The logic run's
 *    admission figures must equal the wire run's (checked, not timed).
 * c. A million devices: setup time, and heap per device that has not yet acted. Targets: 10 s
 *    per million, 1 KiB a device.
 * d. An 8-hour default day for a million devices, fidelity 'logic': wall and CPU time, and the
 *    heap at its fullest. Target: at most 5 minutes, within Node's default heap.
 */
import { getHeapStatistics } from 'node:v8';
import type { ScenarioInput, ScenarioResult } from '../src/index.js';
import { check, loginRig, userOf } from './fixture.js';
import { lib } from './lib.js';
import { count, microseconds, quick, verdict } from './measure.js';
import { runPlainSimulation } from './plain-simulation.js';

const { parseScenario, runScenario } = lib;

const SCENARIO_TARGET = 1.5;
const LOGIC_TARGET = 3;
const SETUP_TARGET_S = 10;
const DEVICE_TARGET_BYTES = 1024;
const DAY_TARGET_S = 300;

/** CPU nanoseconds (user + system) that `work` takes. */
async function cpuOf(work: () => Promise<unknown> | unknown): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) * 1_000;
}

/** CPU per bare login + logout, over `n` of them after a warm-up. */
async function bareLogin(n: number): Promise<number> {
  const { devices } = loginRig({ devices: 100 });
  const loginLogout = async (i: number): Promise<void> => {
    const device = devices[i % 100]!;
    check((await device.login(userOf(i % 100))).status === 'accepted', 'a bare login was not accepted');
    check((await device.logout()).status === 'logged-out', 'a bare logout failed');
  };
  for (let i = 0; i < n / 4; i++) await loginLogout(i);
  return (
    (await cpuOf(async () => {
      for (let i = 0; i < n; i++) await loginLogout(i);
    })) / n
  );
}

function sameAdmission(wire: ScenarioResult, logic: ScenarioResult): boolean {
  const strip = ({ air: _air, scenario: _scenario, ...figures }: ScenarioResult) => JSON.stringify(figures);
  return strip(wire) === strip(logic);
}

/**
 * Setup of `devices` devices: seconds, and memory (heap and array buffers) a device, in a run so
 * short that almost none acts: every device is one that has never logged in.
 */
async function setupOf(devices: number): Promise<{ seconds: number; bytesPerDevice: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const memory = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = memory();
  const started = process.hrtime.bigint();
  let seconds = Number.NaN;
  let heap = Number.NaN;
  await runScenario(
    // A minute, and users who are offline for most of a year first: almost no device acts.
    { users: { count: devices }, hours: 1 / 60, behaviour: { offlineMinutes: 500_000 } },
    {
      onProgress(progress) {
        if (progress.phase !== 'run' || !Number.isNaN(seconds)) return;
        seconds = Number(process.hrtime.bigint() - started) / 1e9;
        gc?.();
        heap = memory() - heapBefore;
      },
    },
  );
  return { seconds, bytesPerDevice: heap / devices };
}

/** A default day of `hours` for `devices` devices in logic mode: seconds of wall and CPU time, the heap at its fullest. */
async function dayOf(
  devices: number,
  hours: number,
): Promise<{ seconds: number; cpuSeconds: number; peakHeap: number; tried: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let peakHeap = 0;
  let tried = 0;
  const started = process.hrtime.bigint();
  const cpu = await cpuOf(async () => {
    const result = await runScenario(
      { users: { count: devices }, hours, fidelity: 'logic' },
      {
        onProgress() {
          peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
        },
      },
    );
    tried = result.logins.tried;
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: cpu / 1e9, peakHeap, tried };
}

export async function run(): Promise<void> {
  const devices = quick ? 2_000 : 100_000;
  const input: ScenarioInput = { users: { count: devices }, hours: 1 };
  const bare = await bareLogin(quick ? 200 : 5_000);
  await runScenario({ ...input, users: { count: 1_000 } });
  let wire: ScenarioResult | undefined;
  const wireCpu = await cpuOf(async () => {
    wire = await runScenario(input);
  });
  let logic: ScenarioResult | undefined;
  const logicCpu = await cpuOf(async () => {
    logic = await runScenario({ ...input, fidelity: 'logic' });
  });
  let plainTried = 0;
  const plainCpu = await cpuOf(() => {
    plainTried = runPlainSimulation(parseScenario(input)).tried;
  });
  check(wire !== undefined && logic !== undefined, 'a scenario run gave no result');
  check(sameAdmission(wire, logic), "the logic run's admission figures are not the wire run's");
  const tried = wire.logins.tried;
  const perLogin = wireCpu / tried;
  const logicPerLogin = logicCpu / tried;
  const plainPerLogin = plainCpu / plainTried;
  const million = quick ? 50_000 : 1_000_000;
  const setup = await setupOf(million);
  const setupPerMillion = (setup.seconds * 1_000_000) / million;
  const dayDevices = quick ? 20_000 : 1_000_000;
  const dayHours = quick ? 1 : 8;
  const day = await dayOf(dayDevices, dayHours);
  const heapLimit = getHeapStatistics().heap_size_limit;

  const mode = quick ? ' (quick)' : '';
  const us = (ns: number): string => microseconds(ns).padStart(10);
  console.log(
    `\n5. the scenario runner: ${count(devices)} devices, the default behaviour, 1 virtual hour, ${count(tried)} logins tried${mode}`,
  );
  console.log(`  bare login + logout (createBes, 100 devices)   ${us(bare)} of CPU`);
  console.log(`  runScenario, per login tried                   ${us(perLogin)} of CPU`);
  const scenarioRatio = perLogin / bare;
  console.log(
    `  ratio ${scenarioRatio.toFixed(2)}x (target: at most ${SCENARIO_TARGET}x) ${verdict(scenarioRatio <= SCENARIO_TARGET)}`,
  );
  console.log(
    `  fidelity 'logic', per login tried              ${us(logicPerLogin)} of CPU (the same admission figures as the wire run: checked)`,
  );
  console.log(
    `  a plain discrete-event simulation, per login   ${us(plainPerLogin)} of CPU (${count(plainTried)} logins tried)`,
  );
  const logicRatio = logicPerLogin / plainPerLogin;
  console.log(
    `  ratio ${logicRatio.toFixed(2)}x (target: at most ${LOGIC_TARGET}x) ${verdict(logicRatio <= LOGIC_TARGET)}`,
  );
  console.log(`  wire against logic: ${(perLogin / logicPerLogin).toFixed(1)}x the CPU per login for the bytes`);
  console.log(
    `  setting up ${count(million)} devices: ${setup.seconds.toFixed(2)} s, ${setupPerMillion.toFixed(2)} s per million (target: at most ${SETUP_TARGET_S} s) ${verdict(setupPerMillion <= SETUP_TARGET_S)}`,
  );
  const heapNote = (globalThis as { gc?: () => void }).gc === undefined ? ' (no --expose-gc: includes garbage)' : '';
  console.log(
    `  memory per device before it acts: ${setup.bytesPerDevice.toFixed(0)} bytes${heapNote} (target: at most ${DEVICE_TARGET_BYTES}) ${verdict(setup.bytesPerDevice <= DEVICE_TARGET_BYTES)}`,
  );
  const mib = (bytes: number): string => `${count(Math.round(bytes / 2 ** 20))} MiB`;
  const dayMet = day.seconds <= DAY_TARGET_S && day.peakHeap < heapLimit;
  console.log(
    `  an ${dayHours}-hour default day for ${count(dayDevices)} devices, fidelity 'logic': ${day.seconds.toFixed(1)} s (${day.cpuSeconds.toFixed(1)} s of CPU, every thread), ${count(day.tried)} logins tried, heap at most ${mib(day.peakHeap)} of ${mib(heapLimit)} (target: at most ${DAY_TARGET_S} s, within the default heap) ${verdict(dayMet)}`,
  );
}
