import { LOGIN_STATUSES, type LoginStatus } from '../pipeline/login-status.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { ScenarioResult, StatusCount } from './result.js';
import { Timeline } from './timeline.js';

type Counts = Omit<ScenarioResult, 'scenario' | 'period' | 'timeline' | 'trace'>;

function share(count: number, of: number): StatusCount {
  return { count, share: of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000 };
}

function perLogin(bytes: number, logins: number): number {
  return logins === 0 ? 0 : Math.round(bytes / logins);
}

/**
 * Counts what a run did: login statuses as the devices report them, and the rest from the trace
 * (sessions cached and logged out, frames the Router relayed).
 */
export class Tally {
  readonly timeline: Timeline;
  readonly #statuses = new Map<LoginStatus, number>();
  #tried = 0;
  #open = 0;
  #peak = 0;
  #peakAt = 0;
  #idleOutOfCoverage = 0;
  #idleNoStatus = 0;
  #inactivity = 0;
  #userLogouts = 0;
  #replaced = 0;
  #serverClosed = 0;
  #statusSent = 0;
  #statusSessionClosed = 0;
  #coverageLosses = 0;
  /** Devices whose exchange under way is a login, so the Router's frames for it count as login bytes. */
  readonly #loggingIn = new Set<string>();
  #loginsOnAir = 0;
  #loginRequestBytes = 0;
  #loginReplyBytes = 0;
  #airBytes = 0;

  constructor(endMs: number, slices: number) {
    this.timeline = new Timeline(endMs, slices);
  }

  /** Login attempts so far. */
  get logins(): number {
    return this.#tried;
  }

  /** A device showed the status of a login attempt. */
  login(status: LoginStatus, at: number): void {
    this.#tried++;
    this.#statuses.set(status, (this.#statuses.get(status) ?? 0) + 1);
    this.timeline.login(status, at);
  }

  /** A device sent a status message and got this answer. */
  status(reply: string): void {
    this.#statusSent++;
    if (reply === 'session-closed') this.#statusSessionClosed++;
  }

  readonly observe = (event: TraceEvent): void => {
    switch (event.hop) {
      case 'device':
        if (event.action === 'sent' && event.message === 'login-request') {
          this.#loggingIn.add(event.pin!);
          this.#loginsOnAir++;
        } else if (event.direction === 'reply') {
          this.#loggingIn.delete(event.pin!);
        }
        return;
      case 'router':
        if (event.action === 'relayed') this.#relayed(event);
        else if (event.action === 'coverage-lost') this.#coverageLosses++;
        return;
      case 'collaboration-service':
        if (event.action === 'cached') this.#sessionsChanged(+1, event.at);
        else if (event.action === 'logged-out') this.#loggedOut(event);
        return;
      default:
        return;
    }
  };

  #relayed(event: TraceEvent): void {
    const bytes = event.bytes ?? 0;
    this.#airBytes += bytes;
    if (!this.#loggingIn.has(event.pin!)) return;
    if (event.direction === 'request') this.#loginRequestBytes += bytes;
    else this.#loginReplyBytes += bytes;
  }

  #loggedOut(event: TraceEvent): void {
    this.#sessionsChanged(-1, event.at);
    switch (event.outcome) {
      case 'idle-logout':
        if (event.reason === 'out-of-coverage') this.#idleOutOfCoverage++;
        else this.#idleNoStatus++;
        return;
      case 'inactivity-logout':
        this.#inactivity++;
        return;
      case 'logout':
        this.#userLogouts++;
        return;
      case 'replaced':
        this.#replaced++;
        return;
      default:
        this.#serverClosed++;
    }
  }

  #sessionsChanged(by: number, at: number): void {
    this.#open += by;
    if (this.#open > this.#peak) {
      this.#peak = this.#open;
      this.#peakAt = at;
    }
    this.timeline.sessionsChanged(this.#open, at);
  }

  counts(): Counts {
    const tried = this.#tried;
    const statuses = Object.fromEntries(
      LOGIN_STATUSES.map((status) => [status, share(this.#statuses.get(status) ?? 0, tried)]),
    ) as Counts['logins']['statuses'];
    const loginBytes = this.#loginRequestBytes + this.#loginReplyBytes;
    return {
      logins: { tried, statuses },
      idleLogouts: {
        total: this.#idleOutOfCoverage + this.#idleNoStatus,
        outOfCoverage: this.#idleOutOfCoverage,
        noStatus: this.#idleNoStatus,
      },
      inactivityLogouts: this.#inactivity,
      userLogouts: this.#userLogouts,
      replacedSessions: this.#replaced,
      serverClosedSessions: this.#serverClosed,
      sessions: { peak: this.#peak, peakAtMs: this.#peakAt, openAtEnd: this.#open },
      statusMessages: { sent: this.#statusSent, sessionClosed: this.#statusSessionClosed },
      coverageLosses: this.#coverageLosses,
      air: {
        loginBytes,
        bytesPerLogin: perLogin(loginBytes, this.#loginsOnAir),
        requestBytesPerLogin: perLogin(this.#loginRequestBytes, this.#loginsOnAir),
        replyBytesPerLogin: perLogin(this.#loginReplyBytes, this.#loginsOnAir),
        totalBytes: this.#airBytes,
      },
    };
  }
}
