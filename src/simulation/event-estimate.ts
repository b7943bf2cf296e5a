/** The most events (logins, status messages, coverage changes, logouts) a scenario may plan for one run. */
export const MAX_RUN_EVENTS = 1_000_000_000;

/** The scenario fields a run's event count follows from. */
export interface EventEstimateInput {
  /** The virtual period, in hours. */
  readonly hours: number;
  /** The population. */
  readonly users: {
    /** Devices, one a user. */
    readonly count: number;
  };
  /** How the users behave. */
  readonly behaviour: {
    /** Mean minutes between a user's sessions. */
    readonly offlineMinutes: number;
    /** Mean minutes a session lasts. */
    readonly sessionMinutes: number;
    /** Tries again after a refusal, at most this many times in a row. */
    readonly retries: number;
    /** Mean minutes before trying again. */
    readonly retryMinutes: number;
    /** Minutes between a session's status messages. */
    readonly statusIntervalMinutes: number;
    /** Wireless coverage. */
    readonly coverage: {
      /** Coverage losses per hour in a session. */
      readonly lossesPerHour: number;
    };
  };
}

/**
 * About how many device events a run of the scenario takes, erring high: every device's sessions
 * over the period, every session's login retried as often as allowed (but no more often than
 * `retryMinutes` apart), its status messages, coverage losses and returns, and its logout. A run
 * does about this much work per event, so this says before it starts whether it can finish.
 */
export function estimateRunEvents(scenario: EventEstimateInput): number {
  const { behaviour } = scenario;
  const periodMinutes = scenario.hours * 60;
  const sessions = periodMinutes / (behaviour.offlineMinutes + behaviour.sessionMinutes) + 1;
  const minutesInSession = Math.min(periodMinutes, sessions * behaviour.sessionMinutes);
  const logins = sessions + Math.min(sessions * behaviour.retries, periodMinutes / behaviour.retryMinutes);
  const statuses = minutesInSession / behaviour.statusIntervalMinutes;
  const coverageChanges = (2 * behaviour.coverage.lossesPerHour * minutesInSession) / 60;
  return scenario.users.count * (logins + statuses + coverageChanges + sessions);
}
