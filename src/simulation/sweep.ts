import { createRandom } from '../random/seeded-random.js';
import { ConfigError } from '../config/config-error.js';
import type { ScenarioResult } from './result.js';
import { parseScenario, type Scenario } from './scenario.js';
import { SweepError } from './sweep-error.js';

/** The scenario fields a sweep can vary, in the order their values nest (the first varies slowest). */
export const SWEEP_AXES = ['maxSessions', 'idleTimeoutMinutes', 'inactivityTimeoutMinutes', 'devices'] as const;

/** One field a sweep varies: `bes.maxSessions`, `bes.idleTimeoutMinutes`, `bes.inactivityTimeoutMinutes` or `users.count`. */
export type SweepAxis = (typeof SWEEP_AXES)[number];

/**
 * The values to sweep, by field; `null` is "none" where the scenario allows it (no maximum, no
 * timeout). The points are every combination of them.
 */
export interface SweepAxes {
  /** `bes.maxSessions`. */
  readonly maxSessions?: readonly (number | null)[];
  /** `bes.idleTimeoutMinutes`. */
  readonly idleTimeoutMinutes?: readonly (number | null)[];
  /** `bes.inactivityTimeoutMinutes`. */
  readonly inactivityTimeoutMinutes?: readonly (number | null)[];
  /** `users.count`. */
  readonly devices?: readonly number[];
}

/** The swept fields' values at one point, by axis (only the swept axes). */
export type SweepValues = { readonly [A in SweepAxis]?: number | null };

/** One combination of the swept values, with the scenario it runs. */
export interface SweepPoint {
  /** Its place in the sweep, from 0: the points nest in `SWEEP_AXES` order, each axis in the order given. */
  readonly index: number;
  /** The swept fields' values here. */
  readonly values: SweepValues;
  /** `maxSessions=450 idleTimeoutMinutes=30`: how messages name the point. */
  readonly label: string;
  /**
   * The point's seed: drawn from the sweep scenario's seed and the point's label, so a point's
   * figures do not depend on the other points, and `runScenario(point.scenario)` repeats them.
   */
  readonly seed: number;
  /** The sweep's scenario with the point's values and seed. */
  readonly scenario: Scenario;
}

/** A point and what its run did. */
export interface SweepPointResult extends SweepPoint {
  /** What the point's run did: the result of `runScenario(scenario)`. */
  readonly result: ScenarioResult;
}

/** Every point of a sweep, in point order. */
export interface SweepResult {
  /** The scenario swept, as given (its seed is the one the points' seeds are drawn from). */
  readonly scenario: Scenario;
  /** The swept axes, in `SWEEP_AXES` order. */
  readonly axes: SweepAxes;
  /** Every point with its result, in point order. */
  readonly points: readonly SweepPointResult[];
}

function withValues(scenario: Scenario, values: SweepValues, seed: number): unknown {
  const bes: Record<string, unknown> = { ...scenario.bes };
  for (const axis of ['maxSessions', 'idleTimeoutMinutes', 'inactivityTimeoutMinutes'] as const) {
    if (axis in values) bes[axis] = values[axis];
  }
  const users = 'devices' in values ? { ...scenario.users, count: values.devices } : scenario.users;
  return { ...scenario, seed, bes, users };
}

/** The axes that are given, in `SWEEP_AXES` order. */
export function axesInOrder(axes: SweepAxes): SweepAxes {
  return Object.fromEntries(SWEEP_AXES.filter((axis) => axes[axis] !== undefined).map((axis) => [axis, axes[axis]]));
}

/**
 * The points of a sweep of `scenario` over `axes`, in point order, each with its seed and its
 * scenario. Throws `SweepError`: `invalid-sweep` for no axis or an empty one, `invalid-point`
 * naming the first point whose scenario does not validate.
 */
export function sweepPoints(scenario: Scenario, axes: SweepAxes): SweepPoint[] {
  const swept = SWEEP_AXES.filter((axis) => axes[axis] !== undefined);
  if (swept.length === 0)
    throw new SweepError('invalid-sweep', `a sweep needs at least one axis: ${SWEEP_AXES.join(', ')}`);
  for (const axis of swept) {
    if (axes[axis]!.length === 0) throw new SweepError('invalid-sweep', `the ${axis} axis has no values`);
  }
  let combinations: SweepValues[] = [{}];
  for (const axis of swept) {
    combinations = combinations.flatMap((values) => axes[axis]!.map((value) => ({ ...values, [axis]: value })));
  }
  const seeds = createRandom(scenario.seed).fork('sweep');
  return combinations.map((values, index) => {
    const label = swept.map((axis) => `${axis}=${values[axis] ?? 'none'}`).join(' ');
    const seed = seeds.fork(label).uint32();
    try {
      return { index, values, label, seed, scenario: parseScenario(withValues(scenario, values, seed)) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      throw new SweepError('invalid-point', `point ${label}: ${error.message}`, { point: label, cause: error });
    }
  });
}
