import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Scenario, ScenarioInput } from './scenario.js';
import { parseScenario } from './scenario.js';
import { MAX_TIMELINE_SLICES } from './run-scenario.js';
import {
  axesInOrder,
  sweepPoints,
  type SweepAxes,
  type SweepPoint,
  type SweepPointResult,
  type SweepResult,
} from './sweep.js';
import { SweepError } from './sweep-error.js';
import type { SweepAnswer, SweepJob } from './sweep-worker.js';
import { startSweepThread } from './sweep-thread.js';
import { longestFirst } from './sweep-order.js';

/** How a sweep runs; none of it changes the figures. */
export interface RunSweepOptions {
  /** Worker threads, at least 1. Default `os.availableParallelism()`; never more than there are points. */
  readonly workers?: number;
  /** Stops the sweep: its threads are terminated and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called as each point finishes (in the order they finish), with how many have. */
  readonly onPoint?: (point: SweepPointResult, finished: number, total: number) => void;
  /** Slices of each point's `timeline`. Default 60. */
  readonly timelineSlices?: number;
}

/**
 * Runs every point of a sweep of `scenario` over `axes` (the cross product of the axes' values) on
 * worker threads, the longest first (by `estimateRunEvents`), and returns the points' results in
 * point order, whatever order they finish in.
 * Each point is the scenario with its values and its own seed (`SweepPoint.seed`), so its figures
 * are those of `runScenario(point.scenario)`, on one thread or many. Throws `SweepError` naming the
 * point for a point that does not validate or fails; rejects with `signal.reason` when stopped.
 */
export async function runSweep(
  input: Scenario | ScenarioInput,
  axes: SweepAxes,
  options: RunSweepOptions = {},
): Promise<SweepResult> {
  const scenario = parseScenario(input);
  const points = sweepPoints(scenario, axes);
  const workers = options.workers ?? availableParallelism();
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new SweepError('invalid-sweep', `workers must be a whole number of at least 1, got ${workers}`);
  }
  const slices = options.timelineSlices;
  if (slices !== undefined && (!Number.isInteger(slices) || slices < 1 || slices > MAX_TIMELINE_SLICES)) {
    throw new SweepError(
      'invalid-sweep',
      `timelineSlices must be a whole number from 1 to ${MAX_TIMELINE_SLICES}, got ${slices}`,
    );
  }
  const { signal } = options;
  signal?.throwIfAborted();
  const results = await runPoints(points, Math.min(workers, points.length), options);
  return {
    scenario,
    axes: axesInOrder(axes),
    points: results,
  };
}

/** The points on `count` threads, each taking the next point (longest first) as it finishes one. */
function runPoints(
  points: readonly SweepPoint[],
  count: number,
  options: RunSweepOptions,
): Promise<SweepPointResult[]> {
  const { signal } = options;
  const results: (SweepPointResult | undefined)[] = points.map(() => undefined);
  const order = longestFirst(points);
  const threads: Worker[] = [];
  let next = 0;
  let finished = 0;
  let settled = false;
  return new Promise<SweepPointResult[]>((resolve, reject) => {
    const stop = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      Promise.all(threads.map((thread) => thread.terminate())).then(outcome, outcome);
    };
    const onAbort = (): void => stop(() => reject(signal!.reason));
    signal?.addEventListener('abort', onAbort, { once: true });

    const give = (thread: Worker, running: { point: SweepPoint | undefined }): void => {
      const point = order[next];
      running.point = point;
      if (point === undefined) return;
      next++;
      thread.postMessage({
        index: point.index,
        scenario: point.scenario,
        timelineSlices: options.timelineSlices,
      } satisfies SweepJob);
    };
    for (let i = 0; i < count; i++) {
      const thread = startSweepThread();
      threads.push(thread);
      const running: { point: SweepPoint | undefined } = { point: undefined };
      thread.on('message', (answer: SweepAnswer) => {
        if (settled) return;
        const point = points[answer.index]!;
        if ('error' in answer) {
          const { name, code, message } = answer.error;
          const error = new SweepError(
            'point-failed',
            `point ${point.label} failed: ${name}${code === undefined ? '' : ` (${code})`}: ${message}`,
            {
              point: point.label,
            },
          );
          stop(() => reject(error));
          return;
        }
        const done: SweepPointResult = { ...point, result: answer.result };
        results[point.index] = done;
        finished++;
        options.onPoint?.(done, finished, points.length);
        if (finished === points.length) stop(() => resolve(results as SweepPointResult[]));
        else give(thread, running);
      });
      const died = (why: string): void => {
        if (settled) return;
        const label = running.point?.label;
        const error = new SweepError(
          'worker-failed',
          `a sweep worker ${why}${label === undefined ? '' : ` while running point ${label}`}`,
          {
            ...(label === undefined ? {} : { point: label }),
          },
        );
        stop(() => reject(error));
      };
      thread.on('error', (error: Error) => died(`failed: ${error.message}`));
      thread.on('exit', (code) => died(`exited with code ${code}`));
      give(thread, running);
    }
  });
}
