import type { ScenarioResult } from '../simulation/result.js';
import type { Scenario } from '../simulation/scenario.js';

/** A point as a job on the points queue. */
export interface PointJob {
  /** The sweep's id (the database draws it): its results queue is named after it. */
  readonly sweep: string;
  readonly results: string;
  readonly index: number;
  readonly label: string;
  readonly scenario: Scenario;
}

/** What a worker puts on a sweep's results queue for a point: its result, or what its run threw. */
export type PointOutcome =
  | { readonly index: number; readonly result: ScenarioResult }
  | {
      readonly index: number;
      readonly error: { readonly name: string; readonly code: string | undefined; readonly message: string };
    };
