import type { LoginStatus } from '../pipeline/login-status.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { Scenario } from './scenario.js';

/** How many logins ended with one status, and their share of the logins tried. */
export interface StatusCount {
  /** Logins that ended with this status. */
  readonly count: number;
  /** `count` over the logins tried, 0 to 1, to four decimals. */
  readonly share: number;
}

/** One slice of the virtual period, for a chart over time. */
export interface TimelineBucket {
  /** When the slice begins, in virtual milliseconds. */
  readonly startMs: number;
  /** When the slice ends (exclusive), in virtual milliseconds. */
  readonly endMs: number;
  /** The most sessions open at once during the slice. */
  readonly peakSessions: number;
  /** Sessions open at the end of the slice. */
  readonly sessionsAtEnd: number;
  /** Login requests the devices sent during the slice. */
  readonly logins: number;
  /** Logins accepted during the slice. */
  readonly accepted: number;
  /** Logins turned away with Server Busy (the maximum was reached and no idle session could be logged out). */
  readonly serverBusy: number;
  /** Logins turned away with Failed (no maximum set, and the Sametime API's session limit was reached). */
  readonly failed: number;
}

/** One device's login, hop by hop, as the trace observer saw it. */
export interface LoginTrace {
  /** The device's PIN. */
  readonly pin: string;
  /** The user the device logs in as. */
  readonly userId: string;
  /** What the device showed at the end. */
  readonly status: LoginStatus;
  /** The trace events of every hop the login crossed. */
  readonly events: readonly TraceEvent[];
}

/** What a scenario's run did, every figure a function of the scenario alone (no wall time). */
export interface ScenarioResult {
  /** The scenario run, with every default filled in. */
  readonly scenario: Scenario;
  /** The virtual period, in milliseconds. */
  readonly period: {
    /** When it begins (0). */
    readonly startMs: number;
    /** When it ends: the scenario's hours in milliseconds. */
    readonly endMs: number;
  };
  /** Login attempts, and what the devices showed for them. */
  readonly logins: {
    /** Login requests the devices sent. */
    readonly tried: number;
    /** How many logins ended with each status the device can show. */
    readonly statuses: { readonly [S in LoginStatus]: StatusCount };
  };
  /** Sessions the BES logged out as idle to admit a login (step 4), by why they counted as idle. */
  readonly idleLogouts: {
    /** All the idle sessions logged out. */
    readonly total: number;
    /** Logged out because the device was out of coverage. */
    readonly outOfCoverage: number;
    /** Logged out because no status message had arrived for the idle timeout. */
    readonly noStatus: number;
  };
  /** Sessions closed by the inactivity timeout. */
  readonly inactivityLogouts: number;
  /** Sessions the user logged out of. */
  readonly userLogouts: number;
  /** Sessions closed because the same device logged in again. */
  readonly replacedSessions: number;
  /** Sessions the Sametime server closed. */
  readonly serverClosedSessions: number;
  /** Sessions open over the period. */
  readonly sessions: {
    /** The most sessions open at once. */
    readonly peak: number;
    /** When the peak was first reached, in virtual milliseconds. */
    readonly peakAtMs: number;
    /** Sessions still open when the period ended. */
    readonly openAtEnd: number;
  };
  /** The status messages devices sent while in a session. */
  readonly statusMessages: {
    /** Status messages that reached the BES. */
    readonly sent: number;
    /** Answered `session-closed`: the device learned the BES had logged it out. */
    readonly sessionClosed: number;
  };
  /** Times a device in a session left wireless coverage. */
  readonly coverageLosses: number;
  /** Bytes of the sealed frames the Router relayed (what crossed the air). */
  readonly air: {
    /** Login requests and replies. */
    readonly loginBytes: number;
    /** `loginBytes` over the logins that went on the air. */
    readonly bytesPerLogin: number;
    /** Bytes of a login request, on average. */
    readonly requestBytesPerLogin: number;
    /** Bytes of a login reply, on average. */
    readonly replyBytesPerLogin: number;
    /** Every frame: logins, status messages, logouts. */
    readonly totalBytes: number;
  };
  /** The period cut into equal slices, for charts over time. */
  readonly timeline: {
    /** How long each slice is, in virtual milliseconds. */
    readonly bucketMs: number;
    /** The slices, in time order. */
    readonly buckets: readonly TimelineBucket[];
  };
  /** The traced login, when `traceLogin` asked for one and it happened in the period. */
  readonly trace?: LoginTrace;
}
