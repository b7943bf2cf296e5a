import type { SessionRecord } from '../session/session-record.js';

/** One session this instance holds: its record and the IM server connection behind it. */
export interface LiveSession {
  readonly record: SessionRecord;
  /** False once the IM server connection is closed (by us or by the server). */
  imOpen: boolean;
  /** Set once a close has started here; settles when it is over. */
  closing: Promise<void> | undefined;
}

/** How many connections closed by the server before their login was registered are remembered. */
const EARLY_CLOSES_KEPT = 1_024;

/**
 * The sessions an instance holds, by session id and by IM connection, and the connections the
 * server closed before their login reached the registry (the close event can overtake the login's
 * answer on its way through the pipe): a session registered on such a connection is closed at once.
 */
export class LiveSessions {
  readonly #bySession = new Map<string, LiveSession>();
  readonly #byConnection = new Map<string, LiveSession>();
  readonly #closedEarly = new Set<string>();

  /** Sessions whose IM connection is open. */
  get open(): number {
    return this.#byConnection.size;
  }

  /** Registers a session with its connection; false if the server has closed that connection already. */
  add(live: LiveSession): boolean {
    this.#bySession.set(live.record.sessionId, live);
    if (this.#closedEarly.delete(live.record.connectionId)) {
      live.imOpen = false;
      return false;
    }
    this.#byConnection.set(live.record.connectionId, live);
    return true;
  }

  get(sessionId: string): LiveSession | undefined {
    return this.#bySession.get(sessionId);
  }

  onConnection(connectionId: string): LiveSession | undefined {
    return this.#byConnection.get(connectionId);
  }

  /** The record's half is gone from here (the close has begun in the store). */
  forget(sessionId: string): void {
    this.#bySession.delete(sessionId);
  }

  /** The connection is closed. */
  connectionClosed(connectionId: string): void {
    this.#byConnection.delete(connectionId);
  }

  /** The server closed a connection no session here is registered on (yet). */
  closedEarly(connectionId: string): void {
    this.#closedEarly.add(connectionId);
    if (this.#closedEarly.size > EARLY_CLOSES_KEPT) {
      const oldest = this.#closedEarly.values().next().value;
      if (oldest !== undefined) this.#closedEarly.delete(oldest);
    }
  }
}
