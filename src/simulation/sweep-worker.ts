/**
 * A sweep's worker thread: runs the points it is sent, one at a time, and answers each with its
 * result or its error. Started by `runSweep`; not an entry for anyone else.
 */
import { parentPort } from 'node:worker_threads';
import { runScenario } from './run-scenario.js';
import type { ScenarioResult } from './result.js';
import type { Scenario } from './scenario.js';

/** A point to run. */
export interface SweepJob {
  readonly index: number;
  readonly scenario: Scenario;
  readonly timelineSlices: number | undefined;
}

/** A point's answer: its result, or what its run threw. */
export type SweepAnswer =
  | { readonly index: number; readonly result: ScenarioResult }
  | {
      readonly index: number;
      readonly error: { readonly name: string; readonly code: string | undefined; readonly message: string };
    };

const port = parentPort;
if (port !== null) {
  port.on('message', (job: SweepJob) => {
    runScenario(job.scenario, job.timelineSlices === undefined ? {} : { timelineSlices: job.timelineSlices }).then(
      (result) => port.postMessage({ index: job.index, result } satisfies SweepAnswer),
      (error: unknown) => {
        const {
          name = 'Error',
          message = String(error),
          code,
        } = (error ?? {}) as { name?: string; message?: string; code?: unknown };
        port.postMessage({
          index: job.index,
          error: { name, message, code: typeof code === 'string' ? code : undefined },
        } satisfies SweepAnswer);
      },
    );
  });
}
