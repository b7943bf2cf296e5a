import { runScenario } from '../simulation/run-scenario.js';
import { POINTS_QUEUE, type QueueConnection, startBoss } from './pg-boss-queue.js';
import type { PointJob, PointOutcome } from './sweep-jobs.js';

/** A point a worker takes, runs and answers. */
export interface WorkerPointEvent {
  /** `start`: taken; `done`: its result is on its sweep's results queue; `failed`: its run threw (also answered). */
  readonly phase: 'start' | 'done' | 'failed';
  /** The sweep's id, drawn by the database. */
  readonly sweep: string;
  /** The point's place in its sweep. */
  readonly index: number;
  /** `maxSessions=450 idleTimeoutMinutes=30`. */
  readonly label: string;
}

/** How a worker runs. */
export interface SweepWorkerOptions extends QueueConnection {
  /** Stops the worker: a point under way is handed back to the queue at once, for another worker. */
  readonly signal?: AbortSignal;
  /** Called as the worker takes a point, and as it answers it. */
  readonly onPoint?: (event: WorkerPointEvent) => void;
}

/** Thrown inside a point's run when the worker stops: the job fails and the queue runs it again. */
class WorkerStopped extends Error {
  override readonly name = 'WorkerStopped';
}

/**
 * Takes sweep points from the PostgreSQL job queue (pg-boss 10) one at a time, runs each with
 * `runScenario` and puts its result on its sweep's results queue, until `signal` aborts. Start as
 * many as there are cores, on as many machines as there are; a point whose worker is lost is run
 * again by another. Resolves once stopped. Throws `SweepError('queue-unavailable')` when pg-boss or
 * the database is missing.
 */
export async function runSweepWorker(options: SweepWorkerOptions): Promise<void> {
  const { signal } = options;
  signal?.throwIfAborted();
  const boss = await startBoss(options);
  try {
    const stopped = new Promise<void>((resolve) => {
      if (signal === undefined) return;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
    const yieldToSignal = (): Promise<void> =>
      new Promise((resolve, reject) => {
        setImmediate(() => (signal?.aborted === true ? reject(new WorkerStopped('the worker stopped')) : resolve()));
      });
    await boss.work<PointJob>(POINTS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (job === undefined) return;
      const { sweep, results, index, label, scenario } = job.data;
      options.onPoint?.({ phase: 'start', sweep, index, label });
      let outcome: PointOutcome;
      try {
        outcome = { index, result: await runScenario(scenario, { onProgress: yieldToSignal }) };
      } catch (error) {
        if (error instanceof WorkerStopped) throw error;
        const {
          name = 'Error',
          message = String(error),
          code,
        } = (error ?? {}) as { name?: string; message?: string; code?: unknown };
        outcome = { index, error: { name, message, code: typeof code === 'string' ? code : undefined } };
      }
      await boss.send(results, outcome);
      options.onPoint?.({ phase: 'error' in outcome ? 'failed' : 'done', sweep, index, label });
    });
    await stopped;
    await boss.offWork(POINTS_QUEUE);
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
  }
}
