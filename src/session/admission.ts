import type { SessionRecord } from './session-record.js';

/** The Collaboration Service settings step 4 applies (BES 5.0: maximum simultaneous sessions, idle timeout). */
export interface AdmissionRules {
  /** How many IM sessions may be open at once. Unset: only the IM server API's own limit applies. */
  readonly maxSessions?: number | undefined;
  /** Once the maximum is reached, sessions with no status message for this long may be logged out. */
  readonly idleTimeoutMs?: number | undefined;
}

/** What step 4 decides on: the rules, the time, the sessions counted, the idle candidates and the API's limit. */
export interface AdmissionInput {
  /** The maximum and idle timeout in force. */
  readonly rules: AdmissionRules;
  /** Virtual time of the login request. */
  readonly now: number;
  /** Sessions held plus logins already admitted and still under way. */
  readonly sessions: number;
  /**
   * Sessions that may be idle, e.g. from `SessionStore.idleCandidates(idleStatusCutoff(rules, now), ...)`.
   * A superset is fine: each one is checked again, and repeats count once.
   */
  readonly idleCandidates: readonly SessionRecord[];
  /** Total sessions the IM server's API supports. */
  readonly sessionLimit: number;
}

/** A session to log out so that a login can be admitted. */
export interface IdleLogout {
  /** The session to log out. */
  readonly sessionId: string;
  /** Why it counts as idle: its device is out of coverage, or no status message came for the idle timeout. */
  readonly reason: 'out-of-coverage' | 'no-status';
}

/** Step 4's answer to one login: admit it (after logging idle sessions out), or turn it away with a status. */
export type AdmissionDecision =
  /** Admit, after logging out `logout` (empty when there is room). */
  | {
      /** The login is admitted. */
      readonly admit: true;
      /** The idle sessions to log out first (empty when there is room). */
      readonly logout: readonly IdleLogout[];
    }
  | {
      /** The login is turned away. */
      readonly admit: false;
      /** The status message the device is sent. */
      readonly status: 'server-busy' | 'failed';
      /** Why: the maximum is reached with no idle session to log out, or (no maximum) the IM server's API limit. */
      readonly reason: 'maximum-reached' | 'api-limit-reached';
    };

const ADMIT_WITH_ROOM: AdmissionDecision = Object.freeze({ admit: true, logout: Object.freeze([]) });
const SERVER_BUSY: AdmissionDecision = Object.freeze({
  admit: false,
  status: 'server-busy',
  reason: 'maximum-reached',
});
const FAILED: AdmissionDecision = Object.freeze({ admit: false, status: 'failed', reason: 'api-limit-reached' });

/**
 * The `statusBefore` to pass to `SessionStore.idleCandidates` for these rules at `now`: a session
 * whose last status message is at or before it has been silent for at least the idle timeout.
 * Undefined when the rules never log out idle sessions (no maximum, or no idle timeout), so there
 * is nothing to ask the store. The candidates are needed only once `sessions >= maxSessions`.
 */
export function idleStatusCutoff(rules: AdmissionRules, now: number): number | undefined {
  if (rules.maxSessions === undefined || rules.idleTimeoutMs === undefined) return undefined;
  return now - rules.idleTimeoutMs;
}

function idleLogouts(candidates: readonly SessionRecord[], statusCutoff: number): IdleLogout[] {
  const logout: IdleLogout[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.sessionId)) continue;
    const reason = !candidate.inCoverage
      ? 'out-of-coverage'
      : candidate.lastStatusAt <= statusCutoff
        ? 'no-status'
        : undefined;
    if (reason === undefined) continue;
    seen.add(candidate.sessionId);
    logout.push({ sessionId: candidate.sessionId, reason });
  }
  return logout;
}

/**
 * Step 4 of the login flow: may one more session start?
 *
 * - A maximum is set and not reached: admit.
 * - The maximum is reached and an idle timeout is set: log out every candidate whose device is out
 *   of coverage and every one with no status message for the idle timeout; admit if that makes
 *   room, else reply Server Busy.
 * - The maximum is reached and no idle timeout is set: Server Busy.
 * - No maximum is set: admit below the IM server API's limit, reply Failed at it.
 *
 * Pure: the caller applies the decision, logging the sessions out before it starts the new one.
 */
export function decideAdmission(input: AdmissionInput): AdmissionDecision {
  const { rules, sessions } = input;
  const maximum = rules.maxSessions;
  if (maximum === undefined) return sessions >= input.sessionLimit ? FAILED : ADMIT_WITH_ROOM;
  if (sessions < maximum) return ADMIT_WITH_ROOM;
  const cutoff = idleStatusCutoff(rules, input.now);
  if (cutoff === undefined) return SERVER_BUSY;
  const logout = idleLogouts(input.idleCandidates, cutoff);
  return sessions - logout.length < maximum ? { admit: true, logout } : SERVER_BUSY;
}

/** BES 5.0's inactivity timeout: any session silent this long is closed, maximum reached or not. */
export interface InactivityRules {
  /** How long a session may go without a status message before it is closed. Unset: never. */
  readonly inactivityTimeoutMs?: number | undefined;
}

/**
 * The `statusBefore` to pass to `SessionStore.idleCandidates` when sweeping for inactive sessions,
 * or undefined when no inactivity timeout is set. The store also returns sessions out of coverage;
 * `selectInactive` drops those that are not inactive.
 */
export function inactivityStatusCutoff(rules: InactivityRules, now: number): number | undefined {
  return rules.inactivityTimeoutMs === undefined ? undefined : now - rules.inactivityTimeoutMs;
}

/**
 * The ids of the sessions to close at `now` for inactivity: those whose last status message is at
 * least `inactivityTimeoutMs` old. A superset of candidates is fine; repeats count once. Pure.
 */
export function selectInactive(
  rules: InactivityRules,
  now: number,
  candidates: readonly SessionRecord[],
): readonly string[] {
  const cutoff = inactivityStatusCutoff(rules, now);
  if (cutoff === undefined) return [];
  const inactive = new Set<string>();
  for (const candidate of candidates) {
    if (candidate.lastStatusAt <= cutoff) inactive.add(candidate.sessionId);
  }
  return [...inactive];
}
