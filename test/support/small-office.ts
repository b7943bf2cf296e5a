import type { ScenarioInput } from '../../src/index.js';

/** A small office at its maximum: quick to run, and the maximum and the idle timeout both matter. */
export const office: ScenarioInput = {
  name: 'small office',
  seed: 11,
  hours: 2,
  bes: { maxSessions: 10, idleTimeoutMinutes: 20 },
  users: { count: 40, permittedShare: 1, wrongPasswordRate: 0 },
  behaviour: { offlineMinutes: 10, sessionMinutes: 40, silentShare: 0.3 },
};
