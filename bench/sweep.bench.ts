/**
 * Benchmark 7, a sweep on every core: the wall time of `runSweep` over the sweep the CLI's help
 * gives as its example, `--max-sessions 400..800:50 --idle-timeout 15,30,45` (27 points of the
 * default scenario, 3,000 devices over 8 hours), on `os.availableParallelism()` worker threads,
 * against the same points run one after another with `runScenario` in this thread, in the same
 * run. The sweep's time includes starting its threads, each of which compiles the simulation for
 * itself (points of a few seconds amortise that; points of a fraction of a second do not); each
 * side is timed twice and keeps its best. Target on a 2-core machine: at most 0.6x. The figures of
 * every point are checked to be the same both ways.
 */
import { availableParallelism } from 'node:os';
import { lib } from './lib.js';
import { check } from './fixture.js';
import { count, quick, verdict } from './measure.js';

const TARGET_RATIO = 0.6;

function seconds(ns: number): string {
  return `${(ns / 1e9).toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const scenario = quick ? { hours: 1, users: { count: 300 } } : {};
  const axes = quick
    ? { maxSessions: [100, 150, 200, 250] }
    : { maxSessions: [400, 450, 500, 550, 600, 650, 700, 750, 800], idleTimeoutMinutes: [15, 30, 45] };
  const workers = availableParallelism();
  const devices = lib.parseScenario(scenario).users.count;
  const planned = lib.sweepPoints(lib.parseScenario(scenario), axes);
  const points = planned.length;
  const swept = quick ? '--max-sessions 100..250:50' : '--max-sessions 400..800:50 --idle-timeout 15,30,45';
  console.log(
    `\n7. a sweep on every core: ${points} points of ${count(devices)} devices (${swept}), ${workers} workers, against the same points one after another`,
  );
  // Untimed: compile the simulation in this thread first, as the threads must do for themselves.
  await lib.runScenario(scenario);

  type Sweep = Awaited<ReturnType<typeof lib.runSweep>>;
  type Result = Awaited<ReturnType<typeof lib.runScenario>>;
  let sweep: Sweep | undefined;
  let serial: Result[] = [];
  let sweepNs = Number.POSITIVE_INFINITY;
  let serialNs = Number.POSITIVE_INFINITY;
  let cores = 0;
  let serialCores = 0;
  /** When each point of the best sweep round finished, in ns from the round's start, in finishing order. */
  let finishes: number[] = [];
  // Rounds in the order sweep, one after another, one after another, sweep; each keeps its best, so
  // a burst of load from other processes hurts one round of one side, not the comparison.
  for (const side of quick ? ['sweep', 'serial'] : ['sweep', 'serial', 'serial', 'sweep']) {
    const start = process.hrtime.bigint();
    if (side === 'sweep') {
      const cpu = process.cpuUsage();
      const finished: number[] = [];
      sweep = await lib.runSweep(scenario, axes, {
        workers,
        onPoint: () => finished.push(Number(process.hrtime.bigint() - start)),
      });
      const ns = Number(process.hrtime.bigint() - start);
      const { user, system } = process.cpuUsage(cpu);
      if (ns < sweepNs) {
        sweepNs = ns;
        finishes = finished;
        // CPU time over wall time: the cores the sweep actually had (the threads' time counts too).
        cores = ((user + system) * 1000) / ns;
      }
    } else {
      const cpu = process.cpuUsage();
      serial = [];
      for (const point of planned) serial.push(await lib.runScenario(point.scenario));
      const ns = Number(process.hrtime.bigint() - start);
      const { user, system } = process.cpuUsage(cpu);
      if (ns < serialNs) {
        serialNs = ns;
        serialCores = ((user + system) * 1000) / ns;
      }
    }
  }
  check(sweep !== undefined, 'the sweep did not run');

  sweep.points.forEach((point, i) => {
    check(
      JSON.stringify(point.result) === JSON.stringify(serial[i]),
      `point ${point.label} differs between the sweep and a plain run`,
    );
  });
  const logins = serial.reduce((sum, result) => sum + result.logins.tried, 0);
  const ratio = sweepNs / serialNs;
  console.log(
    `  one after another (runScenario, this thread)  ${seconds(serialNs).padStart(9)}  ${count(logins)} logins tried; it had ${serialCores.toFixed(2)} cores`,
  );
  console.log(
    `  runSweep on ${workers} worker threads${' '.repeat(Math.max(0, 17 - String(workers).length))}${seconds(sweepNs).padStart(9)}  the same figures; it had ${cores.toFixed(2)} cores`,
  );
  // Where the sweep's time goes. Each thread starts on a point at once, so the first `workers` points
  // to finish are the threads' first, cold ones (start, compilation, warm-up); the rest of the round,
  // shared among the threads, ran the later points.
  const threads = Math.min(workers, points);
  if (points > threads) {
    const cold = finishes.slice(0, threads);
    const firstNs = cold.reduce((sum, ns) => sum + ns, 0) / threads;
    const laterNs = ((sweepNs - firstNs) * threads) / (points - threads);
    console.log(
      `  a thread's first point ${seconds(firstNs)}, each later one ${seconds(laterNs)}, against ${seconds(serialNs / points)} a point one after another`,
    );
  }
  // On a machine shared with other work the cores each side had say whether the ratio measures the sweep or the load.
  console.log(
    `  ratio ${ratio.toFixed(3)}x (target: at most ${TARGET_RATIO}x on 2 cores${workers === 2 ? '' : `; this machine has ${workers}`}) ${verdict(ratio <= TARGET_RATIO)}`,
  );
}
