import type { IdleLogout } from '../session/admission.js';
import type { SessionRecord } from '../session/session-record.js';
import type { ClosingSession, EvictedSession, StoredCloseReason } from '../session/session-store.js';
import type { AdmissionSlot } from './admission-slots.js';
import { closeReasonAtBackend } from './close-reason.js';
import type { ImLoginRequest, ImPresence, ImReply, ImRequest } from './im-request.js';
import { BackendCalls } from './backend-calls.js';
import { LiveSessions, type LiveSession } from './live-sessions.js';
import { StoreCloses } from './store-closes.js';
import { loginCall } from './login-call.js';
import type { Stage } from './stage.js';
import { traceLoggedOut, type OpenedSession, type SessionRegistryOptions } from './session-registry-options.js';

export type { OpenedSession, SessionRegistryOptions } from './session-registry-options.js';

/**
 * Settled once and for all: a close begins in a reaction to it, and one with nothing to do after
 * its IM half ends on it.
 */
const SETTLED: Promise<void> = Promise.resolve();
const nothingMore = (): Promise<void> => SETTLED;

/**
 * The registry of live IM sessions: it owns both halves of every session this instance holds, the
 * record in the Configuration Database and the IM server connection, so neither exists without
 * the other. A session is registered with its connection before its record can be seen by any
 * other operation, and every close, whoever starts it (a logout, admission, the inactivity sweep,
 * the IM server, another instance), ends here: the store marks the close begun (its slot still
 * counted), the connection is closed, then the store lets the slot go.
 */
export class SessionRegistry {
  readonly #o: SessionRegistryOptions;
  readonly #live = new LiveSessions();
  /** Sessions whose close runs here, from its start until its end: a watcher's news of them is old news. */
  readonly #closingHere = new Set<string>();
  readonly #backend: BackendCalls;
  readonly #closes: StoreCloses;
  #nextSession = 0;

  constructor(options: SessionRegistryOptions) {
    this.#o = options;
    this.#backend = new BackendCalls(options);
    this.#closes = new StoreCloses(options);
  }

  /** Connects the registry to the rest of the pipe: the IM backend, through whatever stages sit before it. */
  wire(backend: Stage<ImRequest, ImReply>): void {
    this.#backend.wire(backend);
  }

  /** Sessions whose IM server connection is open here. */
  get openSessions(): number {
    return this.#live.open;
  }

  /** Closes whose IM half is done and whose end the store has not confirmed yet. */
  get unfinishedCloses(): number {
    return this.#closes.unfinished;
  }

  /** Ends the closes the store did not confirm. A failure is reported; it is tried again later. */
  finishUnfinished(): Promise<void> {
    return this.#closes.retryUnfinished();
  }

  /** Whether the session is held here with its IM connection open and no close under way. */
  isOpen(sessionId: string): boolean {
    const live = this.#live.get(sessionId);
    return live?.imOpen === true && live.closing === undefined;
  }

  /**
   * Steps 5-6: logs the user in at the IM server and, if it accepts, registers the connection and
   * caches the record in the slot's place, as one unit. If the cache refuses, or the slot lapsed,
   * the connection is closed again and nothing is left.
   */
  async open(request: Omit<ImLoginRequest, 'kind'>, slot: AdmissionSlot): Promise<OpenedSession> {
    const { clock, coverage, owner, client } = this.#o;
    const call = loginCall(request, clock, this.#o.deadlines.backendTimeoutMs);
    let reply: ImReply;
    try {
      reply = await this.#backend.ask(call, () => call.settled());
    } finally {
      call.settled();
    }
    if (reply.kind !== 'login') throw this.#backend.misanswered('login', reply.kind);
    if (!reply.ok) return reply;
    const now = clock.now();
    const record: SessionRecord = {
      sessionId: `${owner}/session-${++this.#nextSession}`,
      userId: request.userId,
      pin: request.pin,
      client,
      connectionId: reply.connectionId,
      owner,
      createdAt: now,
      lastStatusAt: now,
      inCoverage: coverage.inCoverage(request.pin),
    };
    const live: LiveSession = { record, imOpen: true, closing: undefined };
    // The server may have closed the connection while its answer was on its way here.
    if (!this.#live.add(live)) void this.#closeServerClosed(live).catch(() => undefined);
    let committed: 'committed' | 'expired';
    try {
      committed = await slot.commit(record);
    } catch (error) {
      // Taken effect or not (a lost acknowledgement, a late answer), the session must not stay.
      await this.#abandon(live);
      throw error;
    }
    if (committed === 'expired') {
      await this.#abandon(live);
      return { ok: false, failure: { status: 'failed', reason: 'reservation-expired' } };
    }
    // Closed while its record was on its way into the cache: it may have landed after the close.
    if (live.closing !== undefined) {
      await live.closing.catch(() => undefined);
      await this.#closes.forget(record);
    }
    return { ok: true, record };
  }

  /** Relays a status message on the session's connection; false if the IM server has closed it. */
  async relayStatus(record: SessionRecord, presence: ImPresence): Promise<boolean> {
    const reply = await this.#backend.ask({
      kind: 'status',
      pin: record.pin,
      connectionId: record.connectionId,
      presence,
    });
    if (reply.kind !== 'status') throw this.#backend.misanswered('status', reply.kind);
    return reply.ok;
  }

  /**
   * Ends a session, once however many ask, whoever holds it: resolves once its IM connection is
   * closed and its slot free (or, for another instance's session, once that instance has done so,
   * or `backendTimeoutMs` has passed). A store that refuses to begin the close rejects, and leaves
   * both halves as they were.
   */
  close(record: SessionRecord, reason: StoredCloseReason, why?: IdleLogout['reason']): Promise<void> {
    const live = this.#live.get(record.sessionId);
    if (live !== undefined)
      return live.closing ?? this.#closeLive(live, () => this.#closes.begin(record, reason), reason, why);
    if (record.owner === this.#o.owner) return this.#closeRecordOnly(record, reason, why);
    return this.#closeElsewhere(record, reason);
  }

  /** Like `close`, but for another instance's session only begins the close: its owner ends it, unwaited. */
  closeAnywhere(record: SessionRecord, reason: StoredCloseReason): Promise<void> {
    if (record.owner === this.#o.owner) return this.close(record, reason);
    return this.#closes.begin(record, reason).then(() => undefined);
  }

  /** Admission has begun closing these (idle logout): close those held here, wait for the others. */
  async closeEvicted(evicted: readonly EvictedSession[]): Promise<void> {
    for (const { record, reason } of evicted) {
      const live = this.#live.get(record.sessionId);
      if (live !== undefined)
        await (live.closing ?? this.#closeLive(live, () => Promise.resolve(record), 'idle-logout', reason));
      else if (record.owner === this.#o.owner) await this.#closes.finish(record);
      else await this.#closes.waitEndedElsewhere(record);
    }
  }

  /** Another instance began closing a session held here (the store's watcher, or a poll). */
  readonly closeRequested = (closing: ClosingSession): void => {
    if (this.#closingHere.has(closing.record.sessionId)) return;
    const live = this.#live.get(closing.record.sessionId);
    // No IM half here any more (or never): the close only needs ending.
    if (live === undefined) void this.#closes.finish(closing.record);
    if (live === undefined || live.closing !== undefined) return;
    this.#closeLive(live, () => Promise.resolve(closing.record), closing.reason, closing.idle).catch((error: unknown) =>
      this.#o.failures.report(closing.record.pin, error),
    );
  };

  /** Looks for closes begun elsewhere that the store could not tell this instance of at once. */
  async pollCloses(): Promise<void> {
    const { sessions, owner, deadlines } = this.#o;
    for (const closing of await deadlines.store(sessions.closingOwnedBy(owner), 'the closes of this instance'))
      this.closeRequested(closing);
  }

  /** The IM server closed a session on its side (the backend's event port). */
  serverClosed(connectionId: string): Promise<void> {
    const live = this.#live.onConnection(connectionId);
    if (live === undefined) {
      this.#live.closedEarly(connectionId);
      return Promise.resolve();
    }
    live.imOpen = false;
    this.#live.connectionClosed(connectionId);
    if (live.closing === undefined) return this.#closeServerClosed(live);
    // A close of ours is under way: it has one half less to do; if the store refuses it, this one takes over.
    live.closing.catch(() => {
      if (this.#live.get(live.record.sessionId) === live && live.closing === undefined)
        this.#closeServerClosed(live).catch(() => undefined);
    });
    return Promise.resolve();
  }

  /**
   * Nobody waits on a close the server started: if the store will not take it, it is tried again
   * every `closePollMs` on the clock until it does, so the record does not outlive its connection.
   */
  #closeServerClosed(live: LiveSession): Promise<void> {
    const closing = this.#closeLive(
      live,
      () => this.#closes.begin(live.record, 'server-closed'),
      'server-closed',
      undefined,
    );
    closing.catch(() => {
      this.#o.clock.timer(this.#o.closePollMs, () => {
        if (this.#live.get(live.record.sessionId) === live && live.closing === undefined) {
          this.#closeServerClosed(live).catch((error: unknown) => this.#o.failures.report(live.record.pin, error));
        }
      });
    });
    return closing;
  }

  #closeLive(
    live: LiveSession,
    begin: () => Promise<SessionRecord | undefined>,
    reason: StoredCloseReason,
    why: IdleLogout['reason'] | undefined,
  ): Promise<void> {
    // Marked closing before the store hears of it, so nothing the store sets off starts a second close.
    const { sessionId } = live.record;
    this.#closingHere.add(sessionId);
    // Begun in a microtask, so that `live.closing` is set before anything the close sets off runs.
    const closing: Promise<void> = SETTLED.then(() => this.#runClose(live, begin, reason, why)).then(
      () => {
        this.#closingHere.delete(sessionId);
      },
      (error: unknown) => {
        this.#closingHere.delete(sessionId);
        // A close the store refused to begin leaves both halves as they were: a later close may try again.
        if (live.closing === closing) live.closing = undefined;
        throw error;
      },
    );
    live.closing = closing;
    return closing;
  }

  #runClose(
    live: LiveSession,
    begin: () => Promise<SessionRecord | undefined>,
    reason: StoredCloseReason,
    why: IdleLogout['reason'] | undefined,
  ): Promise<void> {
    const { record } = live;
    const { tracer } = this.#o;
    // Not async: each step goes on from the one before, the store's end of the close straight from
    // the IM half's, and the trace from the store's end: no promise of their own.
    // Undefined: the record was gone or closing already (another instance began it; a lost acknowledgement).
    return begin().then((begun) => {
      this.#live.forget(record.sessionId);
      const traced = begun === undefined ? undefined : (): void => traceLoggedOut(tracer, record, reason, why);
      return this.#closeIm(live, reason, () => this.#closes.finish(record, traced));
    });
  }

  /** A record held here with no IM half (left by a failure): only the record goes. */
  async #closeRecordOnly(
    record: SessionRecord,
    reason: StoredCloseReason,
    why: IdleLogout['reason'] | undefined,
  ): Promise<void> {
    const begun = await this.#closes.begin(record, reason);
    await this.#closes.finish(record);
    if (begun !== undefined) traceLoggedOut(this.#o.tracer, record, reason, why);
  }

  /** Another instance's session: begin the close there, and wait for its owner to end it. */
  async #closeElsewhere(record: SessionRecord, reason: StoredCloseReason): Promise<void> {
    await this.#closes.begin(record, reason);
    await this.#closes.waitEndedElsewhere(record);
  }

  /**
   * Closes the IM connection, if it is open, then goes on with `next` (what the close does after,
   * if anything): the BES lets the connection go whatever the backend says.
   */
  #closeIm(live: LiveSession, reason: StoredCloseReason, next: () => Promise<void> = nothingMore): Promise<void> {
    if (!live.imOpen) return next();
    const { record } = live;
    live.imOpen = false;
    // Not async: the answer, or the failure, is looked at in the two arms of one `.then`.
    const closed = (failure?: { readonly error: unknown }): Promise<void> => {
      try {
        if (failure !== undefined) this.#o.failures.report(record.pin, failure.error);
      } finally {
        this.#live.connectionClosed(record.connectionId);
      }
      return next();
    };
    return this.#backend
      .ask({ kind: 'close', pin: record.pin, connectionId: record.connectionId, reason: closeReasonAtBackend[reason] })
      .then(
        (reply) =>
          closed(reply.kind === 'close' ? undefined : { error: this.#backend.misanswered('close', reply.kind) }),
        (error: unknown) => closed({ error }),
      );
  }

  /** A login that must not keep its session: the connection goes, and the record if the store took it. */
  async #abandon(live: LiveSession): Promise<void> {
    await (live.closing ?? Promise.resolve()).catch(() => undefined);
    this.#live.forget(live.record.sessionId);
    await this.#closeIm(live, 'logout');
    await this.#closes.forget(live.record);
  }
}
