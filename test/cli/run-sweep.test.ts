/**
 * runSweep as embedders call it: the points, their seeds and their figures against plain runs, the
 * worker threads from the sources and from the package as npm pack makes it, and stopping.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderSweepChart } from '../../src/cli/sweep-chart.js';
import { runScenario, runSweep, SweepError, type ScenarioInput, type SweepPointResult } from '../../src/index.js';
import { consumerProject } from '../support/packed-package.js';
import { office } from '../support/small-office.js';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The point as if no login had been answered Server Busy. */
function withNoBusy(point: SweepPointResult): SweepPointResult {
  const { statuses } = point.result.logins;
  return {
    ...point,
    result: {
      ...point.result,
      logins: { ...point.result.logins, statuses: { ...statuses, 'server-busy': { count: 0, share: 0 } } },
    },
  };
}

/** The threads of this process (Linux). */
function threads(): number {
  return readdirSync('/proc/self/task').length;
}

describe('runSweep', () => {
  it('runs every combination in point order, each point the figures of a plain runScenario with its seed', async () => {
    const finishedOrder: number[] = [];
    const sweep = await runSweep(
      office,
      { maxSessions: [6, 10, 14], idleTimeoutMinutes: [10, 30] },
      { workers: 2, onPoint: (point) => finishedOrder.push(point.index) },
    );
    expect(sweep.points.map((p) => p.values)).toEqual([
      { maxSessions: 6, idleTimeoutMinutes: 10 },
      { maxSessions: 6, idleTimeoutMinutes: 30 },
      { maxSessions: 10, idleTimeoutMinutes: 10 },
      { maxSessions: 10, idleTimeoutMinutes: 30 },
      { maxSessions: 14, idleTimeoutMinutes: 10 },
      { maxSessions: 14, idleTimeoutMinutes: 30 },
    ]);
    expect(sweep.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...finishedOrder].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(sweep.points.map((p) => p.seed)).size).toBe(6);
    for (const point of sweep.points) {
      expect(point.scenario.bes.maxSessions).toBe(point.values.maxSessions);
      expect(point.scenario.bes.idleTimeoutMinutes).toBe(point.values.idleTimeoutMinutes);
      expect(point.scenario.seed).toBe(point.seed);
      expect(point.result).toEqual(await runScenario(point.scenario));
    }
    // The maximum is what turns logins away: fewer sessions allowed, more Server Busy.
    const busy = (p: SweepPointResult): number => p.result.logins.statuses['server-busy'].count;
    expect(busy(sweep.points[0]!)).toBeGreaterThan(busy(sweep.points[4]!));
    for (const columns of [40, 60, 80, 200]) {
      const chart = renderSweepChart(sweep, columns);
      for (const line of chart.split('\n')) {
        expect([...line].length, line).toBeLessThanOrEqual(columns);
        expect(line).toBe(line.trimEnd());
      }
      expect(chart.match(/^ +6 +10 +14$/gm)).toHaveLength(2);
    }
    // A value of the other axis at which nothing was turned away: "none", not an empty chart.
    const calm = {
      ...sweep,
      points: sweep.points.map((p) => (p.values.idleTimeoutMinutes === 10 ? withNoBusy(p) : p)),
    };
    expect(renderSweepChart(calm, 80)).toMatch(/idle timeout 10 min\n +none\n/);
  }, 120_000);

  it('gives the same points whatever the number of workers, and the same seeds for the same scenario', async () => {
    const axes = { idleTimeoutMinutes: [10, 30, null] };
    const [one, three] = await Promise.all([
      runSweep(office, axes, { workers: 1 }),
      runSweep(office, axes, { workers: 3 }),
    ]);
    expect(three.points).toEqual(one.points);
    const reseeded = await runSweep({ ...office, seed: 12 }, { idleTimeoutMinutes: [10] }, { workers: 1 });
    expect(reseeded.points[0]!.seed).not.toBe(one.points[0]!.seed);
  }, 120_000);

  it('starts the longest points first, so a sweep over devices ends on its smallest, and returns them in point order', async () => {
    const finished: SweepPointResult[] = [];
    const sweep = await runSweep(
      office,
      { devices: [10, 40, 20], maxSessions: [6, 12] },
      { workers: 1, onPoint: (point) => finished.push(point) },
    );
    // One thread runs them one at a time: the order they finish in is the order it took them.
    expect(finished.map((p) => [p.values.devices, p.values.maxSessions])).toEqual([
      [40, 6],
      [40, 12],
      [20, 6],
      [20, 12],
      [10, 6],
      [10, 12],
    ]);
    expect(sweep.points.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(sweep.points.map((p) => p.values.devices)).toEqual([10, 40, 20, 10, 40, 20]);
  }, 120_000);

  it('refuses a point whose scenario does not validate, naming the point, before any thread starts', async () => {
    const error = await runSweep(office, { maxSessions: [10, 20_000] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepError);
    expect(error).toMatchObject({ code: 'invalid-point', point: 'maxSessions=20000' });
    expect((error as Error).message).toMatch(
      /^point maxSessions=20000: invalid scenario: scenario\.bes\.maxSessions: /,
    );
    await expect(runSweep(office, {})).rejects.toMatchObject({ code: 'invalid-sweep' });
    await expect(runSweep(office, { devices: [] })).rejects.toMatchObject({ code: 'invalid-sweep' });
    await expect(runSweep(office, { devices: [40] }, { workers: 0 })).rejects.toMatchObject({ code: 'invalid-sweep' });
  });

  it('stops on abort: rejects with the reason, reports no point after it, and leaves no thread behind', async () => {
    const before = threads();
    const controller = new AbortController();
    const reported: number[] = [];
    const big: ScenarioInput = { ...office, hours: 8, users: { count: 50_000 }, bes: { maxSessions: 600 } };
    const sweep = runSweep(
      big,
      { maxSessions: [500, 600, 700, 800] },
      { workers: 2, signal: controller.signal, onPoint: (p) => reported.push(p.index) },
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const reason = new Error('enough');
    controller.abort(reason);
    await expect(sweep).rejects.toBe(reason);
    const afterAbort = reported.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reported.length).toBe(afterAbort);
    expect(threads()).toBeLessThanOrEqual(before);
  }, 60_000);
});

describe('runSweep from the package as npm pack makes it', () => {
  it('runs its threads from the built package, and bes-collab/queue without pg-boss says how to get it', async () => {
    const project = consumerProject();
    try {
      project.write(
        'sweep.mjs',
        [
          "import { runSweep } from 'bes-collab';",
          "import { runSweepOnQueue } from 'bes-collab/queue';",
          `const sweep = await runSweep(${JSON.stringify(office)}, { maxSessions: [6, 14] }, { workers: 2 });`,
          "const queued = await runSweepOnQueue({}, { maxSessions: [6] }, { connectionString: 'postgres://127.0.0.1:1/none' }).catch((e) => e);",
          'console.log(JSON.stringify({ points: sweep.points, queued: { name: queued.name, code: queued.code, message: queued.message } }));',
        ].join('\n'),
      );
      const run = await new Promise<Run>((resolve, reject) => {
        const child = spawn(process.execPath, ['sweep.mjs'], { cwd: project.dir, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const { points, queued } = JSON.parse(run.stdout) as { points: SweepPointResult[]; queued: object };
      expect(points.map((p) => p.label)).toEqual(['maxSessions=6', 'maxSessions=14']);
      for (const point of points) expect(point.result).toEqual(await runScenario(point.scenario));
      expect(queued).toEqual({
        name: 'SweepError',
        code: 'queue-unavailable',
        message: 'a sweep through a queue needs pg-boss 10 and pg: npm install pg-boss@10',
      });
    } finally {
      project.remove();
    }
  }, 300_000);
});
