import type { LoginStatus } from '../pipeline/login-status.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { Scenario } from './scenario.js';

export interface StatusCount {
  readonly count: number;
  /** `count` over the logins tried, 0 to 1, to four decimals. */
  readonly share: number;
}

/** One slice of the virtual period, for a chart over time. */
export interface TimelineBucket {
  readonly startMs: number;
  readonly endMs: number;
  /** The most sessions open at once during the slice. */
  readonly peakSessions: number;
  /** Sessions open at the end of the slice. */
  readonly sessionsAtEnd: number;
  readonly logins: number;
  readonly accepted: number;
  readonly serverBusy: number;
  readonly failed: number;
}

/** One device's login, hop by hop, as the trace observer saw it. */
export interface LoginTrace {
  readonly pin: string;
  readonly userId: string;
  /** What the device showed at the end. */
  readonly status: LoginStatus;
  readonly events: readonly TraceEvent[];
}

/** What a scenario's run did, every figure a function of the scenario alone (no wall time). */
export interface ScenarioResult {
  /** The scenario run, with every default filled in. */
  readonly scenario: Scenario;
  /** The virtual period, in milliseconds. */
  readonly period: { readonly startMs: number; readonly endMs: number };
  readonly logins: {
    readonly tried: number;
    readonly statuses: { readonly [S in LoginStatus]: StatusCount };
  };
  /** Sessions the BES logged out as idle to admit a login (step 4), by why they counted as idle. */
  readonly idleLogouts: { readonly total: number; readonly outOfCoverage: number; readonly noStatus: number };
  /** Sessions closed by the inactivity timeout. */
  readonly inactivityLogouts: number;
  /** Sessions the user logged out of. */
  readonly userLogouts: number;
  /** Sessions closed because the same device logged in again. */
  readonly replacedSessions: number;
  /** Sessions the Sametime server closed. */
  readonly serverClosedSessions: number;
  readonly sessions: {
    /** The most sessions open at once. */
    readonly peak: number;
    /** When the peak was first reached, in virtual milliseconds. */
    readonly peakAtMs: number;
    /** Sessions still open when the period ended. */
    readonly openAtEnd: number;
  };
  readonly statusMessages: {
    /** Status messages that reached the BES. */
    readonly sent: number;
    /** Answered `session-closed`: the device learned the BES had logged it out. */
    readonly sessionClosed: number;
  };
  readonly coverageLosses: number;
  /** Bytes of the sealed frames the Router relayed (what crossed the air). */
  readonly air: {
    /** Login requests and replies. */
    readonly loginBytes: number;
    /** `loginBytes` over the logins that went on the air. */
    readonly bytesPerLogin: number;
    readonly requestBytesPerLogin: number;
    readonly replyBytesPerLogin: number;
    /** Every frame: logins, status messages, logouts. */
    readonly totalBytes: number;
  };
  readonly timeline: { readonly bucketMs: number; readonly buckets: readonly TimelineBucket[] };
  /** The traced login, when `traceLogin` asked for one and it happened in the period. */
  readonly trace?: LoginTrace;
}
