import { parseScenario, type Scenario, type ScenarioInput } from '../simulation/scenario.js';
import {
  axesInOrder,
  type SweepAxes,
  type SweepPointResult,
  type SweepResult,
  sweepPoints,
} from '../simulation/sweep.js';
import { SweepError } from '../simulation/sweep-error.js';
import { longestFirst } from '../simulation/sweep-order.js';
import { POINTS_QUEUE, type QueueConnection, RESULTS_QUEUE_PREFIX, startBoss } from './pg-boss-queue.js';
import type { PointJob, PointOutcome } from './sweep-jobs.js';

/** How a sweep goes through the queue; none of it changes the figures. */
export interface QueuedSweepOptions extends QueueConnection {
  /** Stops waiting: the points not yet taken are cancelled and the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called as each point's result arrives (in the order they arrive), with how many have. */
  readonly onPoint?: (point: SweepPointResult, finished: number, total: number) => void;
  /**
   * A point running longer than this is taken to be lost (its worker gone) and is run again by
   * another worker; make it longer than the longest point takes. Default 900 (15 minutes).
   */
  readonly pointTimeoutSeconds?: number;
  /** How many times a lost point is run again before the sweep fails. Default 2. */
  readonly retries?: number;
}

/** A job the results queue holds: a worker's outcome, or (dead-lettered) a point lost too often. */
type ResultsJob = PointOutcome | PointJob;

/**
 * `runSweep` through a PostgreSQL job queue (pg-boss 10): every point goes on the queue as a job,
 * `runSweepWorker` processes on any number of machines run them and put each result on this
 * sweep's own results queue, and this resolves to the same `SweepResult` as `runSweep` (each
 * point's figures those of `runScenario(point.scenario)`), in point order. A point whose worker is
 * lost is run again elsewhere after `pointTimeoutSeconds`. Throws `SweepError`: `queue-unavailable`
 * (no pg-boss, no database), `point-failed` naming the point, `worker-failed` for a point lost more
 * than `retries` times.
 */
export async function runSweepOnQueue(
  input: Scenario | ScenarioInput,
  axes: SweepAxes,
  options: QueuedSweepOptions,
): Promise<SweepResult> {
  const scenario = parseScenario(input);
  const points = sweepPoints(scenario, axes);
  const { signal } = options;
  signal?.throwIfAborted();
  const pointTimeoutSeconds = options.pointTimeoutSeconds ?? 900;
  const retries = options.retries ?? 2;
  const boss = await startBoss({
    connectionString: options.connectionString,
    maintenanceIntervalSeconds:
      options.maintenanceIntervalSeconds ?? Math.max(1, Math.min(60, Math.round(pointTimeoutSeconds / 4))),
  });
  const results: (SweepPointResult | undefined)[] = points.map(() => undefined);
  let ids: string[] = [];
  let finished = 0;
  let resultsQueue = '';
  try {
    const db = boss.getDb();
    const drawn = await db.executeSql('SELECT gen_random_uuid()::text AS id FROM generate_series(0, $1::int)', [
      points.length,
    ]);
    const [sweep, ...jobIds] = drawn.rows.map((row) => String(row['id']));
    ids = jobIds;
    resultsQueue = `${RESULTS_QUEUE_PREFIX}${sweep}`;
    await boss.createQueue(resultsQueue);
    const done = new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const take = (job: ResultsJob): void => {
        const point = points[job.index];
        if (point === undefined || results[job.index] !== undefined) return; // a point run twice: the first answer stands
        if ('error' in job) {
          const { name, code, message } = job.error;
          reject(
            new SweepError(
              'point-failed',
              `point ${point.label} failed: ${name}${code === undefined ? '' : ` (${code})`}: ${message}`,
              { point: point.label },
            ),
          );
        } else if ('result' in job) {
          const result = { ...point, result: job.result };
          results[job.index] = result;
          finished++;
          options.onPoint?.(result, finished, points.length);
          if (finished === points.length) {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
        } else {
          reject(
            new SweepError(
              'worker-failed',
              `point ${point.label} was lost ${retries === 0 ? 'once' : `${retries + 1} times`}: its workers stopped or took too long`,
              {
                point: point.label,
              },
            ),
          );
        }
      };
      boss
        .work<ResultsJob>(resultsQueue, { batchSize: 100, pollingIntervalSeconds: 0.5 }, async (jobs) => {
          for (const job of jobs) take(job.data);
        })
        .catch(reject);
    });
    // Workers fetch the highest priority first: the longest points, so the sweep ends on its shortest.
    const priority = new Map(longestFirst(points).map((point, rank) => [point.index, points.length - rank]));
    await boss.insert(
      points.map((point, i) => ({
        id: ids[i],
        name: POINTS_QUEUE,
        data: {
          sweep: sweep!,
          results: resultsQueue,
          index: point.index,
          label: point.label,
          scenario: point.scenario,
        } satisfies PointJob,
        priority: priority.get(point.index)!,
        retryLimit: retries,
        retryDelay: 0,
        expireInSeconds: pointTimeoutSeconds,
        deadLetter: resultsQueue,
      })),
    );
    await done;
    return {
      scenario,
      axes: axesInOrder(axes),
      points: results as SweepPointResult[],
    };
  } finally {
    if (resultsQueue !== '') await boss.offWork(resultsQueue).catch(() => {});
    if (finished < points.length && ids.length > 0) await boss.cancel(POINTS_QUEUE, ids).catch(() => {});
    // Graceful: the results just taken are marked completed before the connection closes.
    await boss.stop({ graceful: true, wait: true, timeout: 5_000 }).catch(() => {});
  }
}
