export { runScenario, MAX_TIMELINE_SLICES, type RunScenarioOptions, type ScenarioProgress } from './run-scenario.js';
export {
  parseScenario,
  scenarioSchema,
  MIN_SCENARIO_MINUTES,
  MAX_SCENARIO_MINUTES,
  type Scenario,
  type ScenarioInput,
} from './scenario.js';
export { estimateRunEvents, MAX_RUN_EVENTS, type EventEstimateInput } from './event-estimate.js';
export { scenarioJsonSchema } from './scenario-json-schema.js';
export { devicePin } from './population.js';
export type { ScenarioResult, StatusCount, TimelineBucket, LoginTrace } from './result.js';
export { runSweep, type RunSweepOptions } from './run-sweep.js';
export {
  sweepPoints,
  SWEEP_AXES,
  type SweepAxis,
  type SweepAxes,
  type SweepValues,
  type SweepPoint,
  type SweepPointResult,
  type SweepResult,
} from './sweep.js';
export { SweepError, type SweepErrorCode } from './sweep-error.js';
