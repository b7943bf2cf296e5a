import type { IdleLogout } from '../session/admission.js';
import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { CoveragePort } from './coverage.js';
import type { ImCloseReason, ImLoginFailure, ImLoginRequest, ImPresence, ImReply, ImRequest } from './im-request.js';
import type { SessionCloseReason } from './login-status.js';
import { PipelineError } from './pipeline-error.js';
import type { ServiceFailures } from './service-failure.js';
import type { Stage } from './stage.js';
import type { Tracer } from './trace.js';

const closeReasonAtBackend: Record<SessionCloseReason, ImCloseReason> = {
  'idle-logout': 'idle-logout',
  'inactivity-logout': 'inactivity-logout',
  'server-closed': 'server-closed',
  logout: 'logout',
  replaced: 'logout',
};

/** One session this service holds: its cached record and the IM server connection behind it. */
interface LiveSession {
  readonly record: SessionRecord;
  /** False once the IM server connection is closed (by us or by the server). */
  imOpen: boolean;
  /** Set once a close has started; settles when it is over. */
  closing: Promise<void> | undefined;
}

export interface SessionRegistryOptions {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly coverage: CoveragePort;
  readonly client: string;
  readonly backendHop: string;
  readonly tracer: Tracer;
  readonly failures: ServiceFailures;
}

/** What a login gets from the registry: the cached session, or the IM server's refusal. */
export type OpenedSession = { readonly ok: true; readonly record: SessionRecord } | { readonly ok: false; readonly failure: ImLoginFailure };

/**
 * The registry of live IM sessions: it owns both halves of every session, the record in the
 * connectivity cache and the IM server connection, so neither exists without the other. A
 * session is registered with its connection before its record can be seen by any other operation,
 * and every close, whoever starts it (a logout, admission, the inactivity sweep, the IM server),
 * goes through `close`: the IM connection first, so the slot stays counted until the IM server has
 * let the session go, then the record. It also keeps, per device, why the BES last closed its
 * session, for the device to learn the next time it talks.
 */
export class SessionRegistry {
  readonly #clock: Clock;
  readonly #sessions: SessionStore;
  readonly #coverage: CoveragePort;
  readonly #client: string;
  readonly #backendHop: string;
  readonly #tracer: Tracer;
  readonly #failures: ServiceFailures;
  readonly #live = new Map<string, LiveSession>();
  readonly #byConnection = new Map<string, LiveSession>();
  /** Sessions given up whose record the store may still hold: removed at the next message. */
  readonly #recordsLeft = new Set<LiveSession>();
  readonly #notices = new Map<string, SessionCloseReason>();
  /** Closes whose record is gone and whose IM connection is still being closed. */
  #closingAtBackend = 0;
  #backend: Stage<ImRequest, ImReply> | undefined;
  #nextSession = 0;

  constructor(options: SessionRegistryOptions) {
    this.#clock = options.clock;
    this.#sessions = options.sessions;
    this.#coverage = options.coverage;
    this.#client = options.client;
    this.#backendHop = options.backendHop;
    this.#tracer = options.tracer;
    this.#failures = options.failures;
  }

  /** Connects the registry to the rest of the pipe: the IM backend, through whatever stages sit before it. */
  wire(backend: Stage<ImRequest, ImReply>): void {
    if (this.#backend !== undefined) throw new PipelineError('wired-twice', 'the Collaboration Service was put in a pipe twice');
    this.#backend = backend;
  }

  /** Sessions whose IM server connection is open. */
  get openSessions(): number {
    return this.#byConnection.size;
  }

  /** Sessions out of the cache whose IM connection is still being closed: their slots still count. */
  get closingAtBackend(): number {
    return this.#closingAtBackend;
  }

  /** Whether the session is held here with its IM connection open and no close under way. */
  isOpen(sessionId: string): boolean {
    const live = this.#live.get(sessionId);
    return live !== undefined && live.imOpen && live.closing === undefined;
  }

  /**
   * Steps 5-6: logs the user in at the IM server and, if it accepts, registers the connection and
   * caches the record through `commit` (the admission slots' insert), as one unit. If the insert
   * fails the connection is closed again and the record taken out, and the error propagates.
   */
  async open(request: ImLoginRequest, commit: (record: SessionRecord) => Promise<void>): Promise<OpenedSession> {
    const reply = await this.#ask(request);
    if (reply.kind !== 'login') throw this.#misanswered(request.kind, reply.kind);
    if (!reply.ok) return reply;
    const now = this.#clock.now();
    const record: SessionRecord = {
      sessionId: `session-${++this.#nextSession}`,
      userId: request.userId,
      pin: request.pin,
      client: this.#client,
      connectionId: reply.connectionId,
      createdAt: now,
      lastStatusAt: now,
      inCoverage: this.#coverage.inCoverage(request.pin),
    };
    const live: LiveSession = { record, imOpen: true, closing: undefined };
    this.#live.set(record.sessionId, live);
    this.#byConnection.set(record.connectionId, live);
    try {
      await commit(record);
    } catch (error) {
      await this.#abandon(live);
      throw error;
    }
    // Closed while its record was on its way into the cache: a store that reorders may have taken
    // the record out before the insert landed, so make sure it is gone.
    if (live.closing !== undefined) {
      await live.closing.catch(() => undefined);
      if (this.#live.get(record.sessionId) !== live) {
        this.#recordsLeft.add(live);
        await this.retryLeftRecords();
      }
    }
    return { ok: true, record };
  }

  /**
   * The insert failed, perhaps after it took effect (a lost acknowledgement): the IM connection
   * goes, and the record, if the store has it, is taken out now or at the next message.
   */
  async #abandon(live: LiveSession): Promise<void> {
    await (live.closing ?? this.#closeLive(live, 'logout', undefined, false)).catch(() => undefined);
    if (live.imOpen) await this.#closeIm(live, 'logout');
    this.#live.delete(live.record.sessionId);
    this.#recordsLeft.add(live);
    await this.retryLeftRecords();
  }

  /** Relays a status message on the session's connection; false if the IM server has closed it. */
  async relayStatus(record: SessionRecord, presence: ImPresence): Promise<boolean> {
    const reply = await this.#ask({ kind: 'status', pin: record.pin, connectionId: record.connectionId, presence });
    if (reply.kind !== 'status') throw this.#misanswered('status', reply.kind);
    return reply.ok;
  }

  /**
   * Ends a session on both sides, once however many ask: its IM connection first, then its record.
   * Resolves once it is over. `why` says why an idle session counted as idle, for the trace.
   */
  close(record: SessionRecord, reason: SessionCloseReason, why?: IdleLogout['reason']): Promise<void> {
    const live = this.#live.get(record.sessionId);
    if (live === undefined) return this.#closeRecord(record, reason, why);
    return live.closing ?? this.#closeLive(live, reason, why, true);
  }

  /** The IM server closed a session on its side (the backend's event port). */
  serverClosed(connectionId: string): Promise<void> {
    const live = this.#byConnection.get(connectionId);
    if (live === undefined || live.closing !== undefined) return Promise.resolve();
    live.imOpen = false;
    this.#byConnection.delete(connectionId);
    return this.#closeLive(live, 'server-closed', undefined, true);
  }

  /** Why the BES closed the device's last session, once: the device is being told. */
  takeNotice(pin: string): SessionCloseReason | undefined {
    const reason = this.#notices.get(pin);
    if (reason !== undefined) this.#notices.delete(pin);
    return reason;
  }

  /** The device is starting over: whatever ended its last session is no longer news. */
  forgetNotice(pin: string): void {
    this.#notices.delete(pin);
  }

  /** Takes out the records of abandoned sessions the store may still hold. A failure is reported; it is tried again later. */
  async retryLeftRecords(): Promise<void> {
    for (const live of [...this.#recordsLeft]) {
      try {
        await this.#sessions.remove(live.record.sessionId);
        this.#recordsLeft.delete(live);
      } catch (error) {
        this.#failures.report(live.record.pin, error);
      }
    }
  }

  get recordsLeft(): number {
    return this.#recordsLeft.size;
  }

  #closeLive(live: LiveSession, reason: SessionCloseReason, why: IdleLogout['reason'] | undefined, notice: boolean): Promise<void> {
    const closing = this.#runClose(live, reason, why, notice);
    live.closing = closing;
    // A close the store refused leaves both halves as they were: a later close may try again.
    closing.catch(() => {
      if (live.closing === closing) live.closing = undefined;
    });
    return closing;
  }

  /**
   * The record first, so that once the close has begun no other operation can find the session;
   * then the IM connection. Until the IM server has let the session go, its slot is still counted
   * (`closingAtBackend`), so a login admitted meanwhile cannot put one session too many on it.
   */
  async #runClose(live: LiveSession, reason: SessionCloseReason, why: IdleLogout['reason'] | undefined, notice: boolean): Promise<void> {
    const { record } = live;
    const removed = await this.#remove(record);
    this.#live.delete(record.sessionId);
    await this.#closeIm(live, reason);
    if (removed !== undefined) this.#noticeAndTrace(record, reason, why, notice);
  }

  /** Closes the IM connection, if it is open. The BES lets it go whatever the backend says. */
  async #closeIm(live: LiveSession, reason: SessionCloseReason): Promise<void> {
    if (!live.imOpen) return;
    const { record } = live;
    live.imOpen = false;
    this.#closingAtBackend++;
    try {
      const reply = await this.#ask({ kind: 'close', pin: record.pin, connectionId: record.connectionId, reason: closeReasonAtBackend[reason] });
      if (reply.kind !== 'close') throw this.#misanswered('close', reply.kind);
    } catch (error) {
      this.#failures.report(record.pin, error);
    } finally {
      this.#closingAtBackend--;
      this.#byConnection.delete(record.connectionId);
    }
  }

  /**
   * Takes a record out of the cache. If the store fails, it looks again: a record that is gone was
   * removed before the failure (a lost acknowledgement), and the close goes on; a record still
   * there (or a store that cannot say) leaves both halves as they were, and the failure propagates.
   */
  async #remove(record: SessionRecord): Promise<SessionRecord | undefined> {
    try {
      return await this.#sessions.remove(record.sessionId);
    } catch (error) {
      const still = await this.#sessions.get(record.sessionId).catch(() => record);
      if (still !== undefined) throw error;
      this.#failures.report(record.pin, error);
      return record;
    }
  }

  /** A record with no IM half here (left by a failure): only the record goes. */
  async #closeRecord(record: SessionRecord, reason: SessionCloseReason, why: IdleLogout['reason'] | undefined): Promise<void> {
    const removed = await this.#sessions.remove(record.sessionId);
    if (removed !== undefined) this.#noticeAndTrace(record, reason, why, true);
  }

  #noticeAndTrace(record: SessionRecord, reason: SessionCloseReason, why: IdleLogout['reason'] | undefined, notice: boolean): void {
    if (!notice) return;
    if (reason !== 'logout' && reason !== 'replaced') this.#notices.set(record.pin, reason);
    if (this.#tracer.on) {
      this.#tracer.emit({ direction: 'request', action: 'logged-out', pin: record.pin, outcome: reason, ...(why === undefined ? {} : { reason: why }) });
    }
  }

  async #ask(request: ImRequest): Promise<ImReply> {
    const backend = this.#backend;
    if (backend === undefined) throw new PipelineError('not-wired', 'the Collaboration Service is in no pipe: no IM backend behind it');
    try {
      return await backend(request);
    } catch (error) {
      if (error instanceof PipelineError && error.code === 'next-called-twice') throw error;
      throw new PipelineError('backend-failed', `the ${this.#client} backend threw instead of answering a ${request.kind} request`, {
        hop: this.#backendHop,
        cause: error,
      });
    }
  }

  #misanswered(asked: string, got: string): PipelineError {
    return new PipelineError('backend-failed', `the ${this.#client} backend answered a ${asked} request with a ${got} reply`, {
      hop: this.#backendHop,
    });
  }
}
