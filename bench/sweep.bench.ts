/**
 * Benchmark 5, a sweep on every core: the wall time of `runSweep` over eight points (the default
 * scenario's 3,000 devices over 4 hours, at eight maximums) on `os.availableParallelism()` worker threads, against the same
 * points run one after another with `runScenario` in this thread, in the same run. The sweep's
 * time includes starting its threads. Target on a 2-core machine: at most 0.6x. The figures of
 * every point are checked to be the same both ways.
 */
import { availableParallelism } from 'node:os';
import { lib } from './lib.js';
import { check } from './fixture.js';
import { count, quick, verdict } from './measure.js';

const TARGET_RATIO = 0.6;

function seconds(ns: bigint): string {
  return `${(Number(ns) / 1e9).toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const scenario = quick ? { hours: 1, users: { count: 300 } } : { hours: 4 };
  const axes = { maxSessions: quick ? [100, 150, 200, 250] : [400, 450, 500, 550, 600, 650, 700, 750] };
  const workers = availableParallelism();
  const points = axes.maxSessions.length;
  const devices = lib.parseScenario(scenario).users.count;
  console.log(
    `\n5. a sweep on every core: ${points} points of ${count(devices)} devices (maxSessions ${axes.maxSessions[0]}..${axes.maxSessions.at(-1)}), ${workers} workers, against the same points one after another`,
  );
  // Untimed: compile the simulation in this thread first, as the threads must do for themselves.
  await lib.runScenario(scenario);

  const sweepStart = process.hrtime.bigint();
  const sweepCpu = process.cpuUsage();
  const sweep = await lib.runSweep(scenario, axes, { workers });
  const sweepNs = process.hrtime.bigint() - sweepStart;
  const { user, system } = process.cpuUsage(sweepCpu);
  // CPU time over wall time: the cores the sweep actually got (the threads' time counts too).
  const cores = ((user + system) * 1000) / Number(sweepNs);

  const serialStart = process.hrtime.bigint();
  const serial: Awaited<ReturnType<typeof lib.runScenario>>[] = [];
  for (const point of sweep.points) serial.push(await lib.runScenario(point.scenario));
  const serialNs = process.hrtime.bigint() - serialStart;

  sweep.points.forEach((point, i) => {
    check(
      JSON.stringify(point.result) === JSON.stringify(serial[i]),
      `point ${point.label} differs between the sweep and a plain run`,
    );
  });
  const logins = serial.reduce((sum, result) => sum + result.logins.tried, 0);
  const ratio = Number(sweepNs) / Number(serialNs);
  console.log(
    `  one after another (runScenario, this thread)  ${seconds(serialNs).padStart(9)}  ${count(logins)} logins tried`,
  );
  console.log(
    `  runSweep on ${workers} worker threads${' '.repeat(Math.max(0, 17 - String(workers).length))}${seconds(sweepNs).padStart(9)}  the same figures; it had ${cores.toFixed(2)} cores of CPU on average`,
  );
  console.log(
    `  ratio ${ratio.toFixed(2)}x (target: at most ${TARGET_RATIO}x on 2 cores${workers === 2 ? '' : `; this machine has ${workers}`}) ${verdict(ratio <= TARGET_RATIO)}`,
  );
}
