import type { BesConfig } from '../config/bes-config.js';
import { FrameKind } from '../crypto/frame-kind.js';
import {
  decideAdmission,
  idleStatusCutoff,
  inactivityStatusCutoff,
  selectInactive,
  type IdleLogout,
} from '../session/admission.js';
import type { PermissionStore } from '../session/permission-store.js';
import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import { AdmissionGate } from './admission-gate.js';
import type { ServiceEnvelope } from './air-frame.js';
import type { DeviceLinks } from './device-links.js';
import { deviceMessage, messageName, type DeviceMessage, type DeviceMessageOf } from './device-message.js';
import type { ImBackend, ImCloseReason, ImLoginResult, ImSession } from './im-backend.js';
import type { SessionCloseReason } from './login-status.js';
import { PipelineError } from './pipeline-error.js';
import type { Stage } from './stage.js';
import { ignoreTrace, type TraceEvent, type TraceObserver } from './trace.js';

export interface CollaborationServiceOptions {
  readonly clock: Clock;
  readonly observe: TraceObserver;
  readonly config: BesConfig;
  readonly sessions: SessionStore;
  readonly permissions: PermissionStore;
  readonly backend: ImBackend;
  /** The BES ends of the device links, to open frames when the service is remote. */
  readonly links: DeviceLinks;
}

type LoginReplyBody = DeviceMessageOf<typeof FrameKind.loginReply>;
type StatusReplyBody = DeviceMessageOf<typeof FrameKind.statusReply>;
type LogoutReplyBody = DeviceMessageOf<typeof FrameKind.logoutReply>;

const closeReasonAtBackend: Record<SessionCloseReason, ImCloseReason> = {
  'idle-logout': 'idle-logout',
  'inactivity-logout': 'inactivity-logout',
  'server-closed': 'server-closed',
  logout: 'logout',
  replaced: 'logout',
};

/**
 * The BlackBerry Collaboration Service (steps 4 and 6): admits or rejects each login against the
 * Configuration Database's rules, checks the user's permission, opens the session at the IM server
 * through its adapter, and caches the connectivity information. It keeps two things true whatever
 * happens: no more sessions than the maximum (logins under way count), and every cached session has
 * its IM server connection and every connection its cache entry.
 */
export class CollaborationService {
  readonly #clock: Clock;
  readonly #observe: TraceObserver;
  readonly #config: BesConfig;
  readonly #sessions: SessionStore;
  readonly #permissions: PermissionStore;
  readonly #backend: ImBackend;
  readonly #links: DeviceLinks;
  readonly #gate = new AdmissionGate();
  /** Live IM sessions by session id: the other half of each cached record. */
  readonly #open = new Map<string, ImSession>();
  /** Why a device's session was closed by the BES, told to the device the next time it talks. */
  readonly #closedFor = new Map<string, SessionCloseReason>();
  /** Devices the Router last reported out of coverage. */
  readonly #outOfCoverage = new Set<string>();
  /** Coverage writes to the store, one at a time (a gate of their own), each writing the latest report. */
  readonly #coverageWrites = new AdmissionGate();
  #reserved = 0;
  #nextSession = 0;
  #lastInactivitySweep = Number.NEGATIVE_INFINITY;

  constructor(options: CollaborationServiceOptions) {
    this.#clock = options.clock;
    this.#observe = options.observe;
    this.#config = options.config;
    this.#sessions = options.sessions;
    this.#permissions = options.permissions;
    this.#backend = options.backend;
    this.#links = options.links;
  }

  /** Logins admitted and still under way: they hold a slot but are not cached yet. */
  get loginsUnderWay(): number {
    return this.#reserved;
  }

  /** Sessions open at the IM server through this service. */
  get openSessions(): number {
    return this.#open.size;
  }

  /** The service as a stage behind the Dispatcher (port 3200). */
  readonly stage: Stage<ServiceEnvelope, ServiceEnvelope | null> = async (envelope) => {
    const { pin } = envelope;
    let message: DeviceMessage;
    if (envelope.via === 'sealed') {
      const opened = this.#links.open(pin, envelope.bytes, 'collaboration-service');
      if (!opened.ok) {
        this.#event(pin, { direction: 'request', action: 'discarded', bytes: envelope.bytes.length, sealed: true, outcome: opened.error.code });
        return null;
      }
      message = opened.message;
    } else {
      message = envelope.message;
    }
    this.#event(pin, { direction: 'request', action: 'received', port: this.#config.collaborationServicePort, sealed: envelope.via === 'sealed', message: messageName(message.kind) });
    const reply = await this.handle(pin, message);
    if (reply === null) return null;
    if (envelope.via === 'open') return { via: 'open', pin, message: reply };
    const bytes = this.#links.seal(pin, reply);
    this.#event(pin, { direction: 'reply', action: 'sealed', port: this.#config.collaborationServicePort, bytes: bytes.length, sealed: true, compressed: true, message: messageName(reply.kind) });
    return { via: 'sealed', pin, bytes };
  };

  /** Answers one opened device message; `null` for a message the BES does not answer. */
  async handle(pin: string, message: DeviceMessage): Promise<DeviceMessage | null> {
    // No await at all without an inactivity timeout: it would cost a promise per message.
    if (this.#config.inactivityTimeoutMs !== undefined) await this.#sweepInactive(pin);
    switch (message.kind) {
      case FrameKind.loginRequest:
        return deviceMessage(FrameKind.loginReply, await this.#login(pin, message.body));
      case FrameKind.statusUpdate:
        return deviceMessage(FrameKind.statusReply, await this.#status(pin, message.body));
      case FrameKind.logout:
        return deviceMessage(FrameKind.logoutReply, await this.#logout(pin));
      default:
        this.#event(pin, { direction: 'request', action: 'discarded', message: messageName(message.kind), outcome: 'not-a-request' });
        return null;
    }
  }

  /** The Router reports a device in or out of coverage. */
  async coverageChanged(pin: string, inCoverage: boolean): Promise<void> {
    if (inCoverage) this.#outOfCoverage.delete(pin);
    else this.#outOfCoverage.add(pin);
    await this.#writeCoverage(pin);
  }

  /**
   * Records a device's coverage in the cache as the Router last reported it. Writes run one at a
   * time and each reads the latest report when it runs, so however a slow store orders its answers,
   * the last write leaves the latest coverage. A store failure is reported; the cache stays stale
   * until the next change.
   */
  async #writeCoverage(pin: string): Promise<void> {
    try {
      await this.#coverageWrites.run(() => this.#sessions.setCoverage(pin, !this.#outOfCoverage.has(pin)));
    } catch (error) {
      this.#failure(pin, error);
    }
  }

  /**
   * BES 5's inactivity timeout: logs out every session with no status message for
   * `inactivityTimeoutMs`, maximum reached or not. Runs by itself as messages arrive (at most once
   * per virtual second); call it to apply the rule at a given moment. Returns how many it closed.
   * A store failure rejects with `PipelineError('store-failed')`.
   */
  async closeInactive(): Promise<number> {
    const now = this.#clock.now();
    const cutoff = inactivityStatusCutoff(this.#config, now);
    if (cutoff === undefined) return 0;
    this.#lastInactivitySweep = now;
    try {
      const candidates = await this.#sessions.idleCandidates(cutoff, Number.MAX_SAFE_INTEGER);
      const inactive = selectInactive(this.#config, now, candidates);
      const byId = new Map(candidates.map((record) => [record.sessionId, record]));
      for (const sessionId of inactive) {
        const record = byId.get(sessionId);
        if (record !== undefined) await this.#close(record, 'inactivity-logout');
      }
      return inactive.length;
    } catch (error) {
      throw this.#typed(error);
    }
  }

  /** The sweep runs on the way to handling `pin`'s message; its failure is reported, and the message handled anyway. */
  async #sweepInactive(pin: string): Promise<void> {
    if (this.#config.inactivityTimeoutMs === undefined) return;
    if (this.#clock.now() - this.#lastInactivitySweep < 1000) return;
    try {
      await this.closeInactive();
    } catch (error) {
      this.#failure(pin, error);
    }
  }

  async #login(pin: string, body: DeviceMessageOf<typeof FrameKind.loginRequest>): Promise<LoginReplyBody> {
    let reply: LoginReplyBody;
    try {
      reply = await this.#attemptLogin(pin, body);
    } catch (error) {
      reply = this.#failure(pin, error);
    }
    this.#event(pin, { direction: 'reply', action: reply.status === 'accepted' ? 'accepted' : 'rejected', message: 'login-reply', outcome: reply.status });
    return reply;
  }

  async #attemptLogin(pin: string, body: DeviceMessageOf<typeof FrameKind.loginRequest>): Promise<LoginReplyBody> {
    const { userId, password, client } = body;
    // Whatever ended the device's last session, it is starting over: that reason is no longer news.
    this.#closedFor.delete(pin);
    const existing = await this.#sessions.getByPin(pin);
    if (existing !== undefined) await this.#close(existing, 'replaced');

    // Step 4: the maximum number of sessions, decided one login at a time.
    const admitted = await this.#gate.run(() => this.#admit(pin));
    if (admitted !== true) return admitted;
    let reserved = true;
    const release = (): void => {
      if (reserved) this.#reserved--;
      reserved = false;
    };
    try {
      // Step 4: the user's permission to use the collaboration client.
      if (client !== this.#backend.client || !(await this.#permissions.mayUse(userId, client))) {
        this.#event(pin, { direction: 'request', action: 'permission-checked', outcome: 'access-denied' });
        return { status: 'access-denied', reason: 'not-permitted' };
      }
      // Steps 4-5: the encrypted proxy connection and the IM server's answer.
      let result: ImLoginResult;
      try {
        result = await this.#backend.login({ userId, password, pin });
      } catch (error) {
        throw new PipelineError('backend-failed', `the ${this.#backend.client} adapter threw instead of answering`, {
          hop: 'sametime-adapter',
          cause: error,
        });
      }
      if (!result.ok) {
        const { status, reason, reasonCode } = result.failure;
        return reasonCode === undefined ? { status, reason } : { status, reason, reasonCode };
      }
      // Step 6: cache the connectivity information to maintain the session.
      return await this.#cache(pin, userId, result.session, release);
    } finally {
      release();
    }
  }

  /** Inside the gate: the decision, the idle logouts it calls for, and the slot reservation. */
  async #admit(pin: string): Promise<true | LoginReplyBody> {
    const rules = this.#config;
    const now = this.#clock.now();
    const sessions = (await this.#sessions.count()) + this.#reserved;
    const cutoff = idleStatusCutoff(rules, now);
    const full = rules.maxSessions !== undefined && sessions >= rules.maxSessions;
    const idleCandidates =
      full && cutoff !== undefined ? await this.#sessions.idleCandidates(cutoff, Number.MAX_SAFE_INTEGER) : [];
    const decision = decideAdmission({ rules, now, sessions, idleCandidates, sessionLimit: this.#backend.sessionLimit });
    if (!decision.admit) {
      this.#event(pin, { direction: 'request', action: 'admission', outcome: decision.status });
      return { status: decision.status, reason: decision.reason };
    }
    if (decision.logout.length > 0) {
      const byId = new Map(idleCandidates.map((record) => [record.sessionId, record]));
      for (const { sessionId, reason } of decision.logout) {
        const record = byId.get(sessionId);
        if (record !== undefined) await this.#close(record, 'idle-logout', reason);
      }
    }
    this.#reserved++;
    this.#event(pin, { direction: 'request', action: 'admission', outcome: 'admitted' });
    return true;
  }

  /**
   * Caches an accepted session. The insert and the release of the login's reservation happen
   * together inside the gate, so an admission decision never sees the session in neither (or both)
   * of the store's count and the reservations, however slow the store's answers.
   */
  async #cache(pin: string, userId: string, session: ImSession, release: () => void): Promise<LoginReplyBody> {
    const now = this.#clock.now();
    const record: SessionRecord = {
      sessionId: `session-${++this.#nextSession}`,
      userId,
      pin,
      client: this.#backend.client,
      connectionId: session.connectionId,
      createdAt: now,
      lastStatusAt: now,
      inCoverage: !this.#outOfCoverage.has(pin),
    };
    try {
      await this.#gate.run(async () => {
        try {
          await this.#sessions.insert(record);
        } finally {
          release();
        }
      });
    } catch (error) {
      await session.close('logout');
      // A store may fail after the insert took effect (a lost acknowledgement): take the record
      // out again, so the cache keeps no session whose connection was just closed.
      await this.#sessions.remove(record.sessionId).catch(() => undefined);
      throw error;
    }
    this.#open.set(record.sessionId, session);
    session.onServerClose(() => {
      void this.#serverClosed(record.sessionId);
    });
    // Coverage changed while the record was on its way into the cache, too late for its write to find it.
    if (this.#outOfCoverage.has(pin) === record.inCoverage) await this.#writeCoverage(pin);
    this.#event(pin, { direction: 'reply', action: 'cached', outcome: record.sessionId });
    return { status: 'accepted', sessionId: record.sessionId };
  }

  async #status(pin: string, body: DeviceMessageOf<typeof FrameKind.statusUpdate>): Promise<StatusReplyBody> {
    try {
      const record = await this.#sessions.getByPin(pin);
      if (record === undefined) return this.#noSession(pin);
      const session = this.#open.get(record.sessionId);
      if (session === undefined || !session.open) {
        await this.#close(record, 'server-closed');
        return this.#noSession(pin);
      }
      const touched = await this.#sessions.touch(record.sessionId, this.#clock.now());
      // While the store answered, the session may have been logged out as idle or closed by the server.
      if (touched === undefined) return this.#noSession(pin);
      if (!session.open) {
        await this.#close(record, 'server-closed');
        return this.#noSession(pin);
      }
      await session.sendStatus(body.presence).catch((error: unknown) => {
        throw new PipelineError('backend-failed', `the ${this.#backend.client} session refused a status message`, {
          hop: 'sametime-adapter',
          cause: error,
        });
      });
      this.#event(pin, { direction: 'request', action: 'status-relayed', outcome: body.presence });
      return { status: 'ok' };
    } catch (error) {
      const failed = this.#failure(pin, error);
      return { status: 'failed', reason: failed.reason };
    }
  }

  async #logout(pin: string): Promise<LogoutReplyBody> {
    try {
      const record = await this.#sessions.getByPin(pin);
      if (record === undefined) return this.#noSession(pin);
      await this.#close(record, 'logout');
      return { status: 'logged-out' };
    } catch (error) {
      const failed = this.#failure(pin, error);
      return { status: 'failed', reason: failed.reason };
    }
  }

  #noSession(pin: string): { status: 'session-closed' | 'no-session'; reason?: string } {
    const reason = this.#closedFor.get(pin);
    if (reason === undefined) return { status: 'no-session' };
    this.#closedFor.delete(pin);
    return { status: 'session-closed', reason };
  }

  /**
   * Ends a session on both sides: out of the cache first, then its IM server connection. `why`
   * says why an idle session counted as idle (`out-of-coverage`, `no-status`), for the trace.
   */
  async #close(record: SessionRecord, reason: SessionCloseReason, why?: IdleLogout['reason']): Promise<void> {
    const removed = await this.#remove(record);
    const session = this.#open.get(record.sessionId);
    this.#open.delete(record.sessionId);
    if (removed !== undefined && reason !== 'logout' && reason !== 'replaced') this.#closedFor.set(record.pin, reason);
    if (session !== undefined) await session.close(closeReasonAtBackend[reason]);
    if (removed === undefined) return;
    this.#event(record.pin, { direction: 'request', action: 'logged-out', outcome: reason, ...(why === undefined ? {} : { reason: why }) });
  }

  /**
   * Takes a record out of the cache. If the store fails, it looks again: a record that is gone was
   * removed before the failure (a lost acknowledgement), and the close goes on, so that no IM
   * session is left open without its cache entry; a record still there (or a store that cannot
   * say) leaves both halves as they were, and the failure propagates.
   */
  async #remove(record: SessionRecord): Promise<SessionRecord | undefined> {
    try {
      return await this.#sessions.remove(record.sessionId);
    } catch (error) {
      const still = await this.#sessions.get(record.sessionId).catch(() => record);
      if (still !== undefined) throw error;
      this.#failure(record.pin, error);
      return record;
    }
  }

  async #serverClosed(sessionId: string): Promise<void> {
    if (!this.#open.has(sessionId)) return;
    try {
      const record = await this.#sessions.get(sessionId);
      if (record !== undefined) await this.#close(record, 'server-closed');
      else this.#open.delete(sessionId);
    } catch (error) {
      this.#failure(undefined, error);
    }
  }

  /**
   * An unexpected failure of a store or the backend: reported as a typed error event at the hop
   * that failed (the Collaboration Service for its stores, the adapter for the backend), answered as Failed.
   */
  #failure(pin: string | undefined, error: unknown): LoginReplyBody & { reason: string } {
    const typed = this.#typed(error);
    this.#observe({
      at: this.#clock.now(),
      hop: typed.code === 'backend-failed' ? 'sametime-adapter' : 'collaboration-service',
      direction: 'reply',
      action: 'error',
      outcome: typed.code,
      ...(pin === undefined ? {} : { pin }),
    });
    return { status: 'failed', reason: typed.code };
  }

  /** Anything but a `PipelineError` came from a session or permission store. */
  #typed(error: unknown): PipelineError {
    if (error instanceof PipelineError) return error;
    return new PipelineError(
      'store-failed',
      `a session or permission store failed during the operation: ${error instanceof Error ? error.name : typeof error}`,
      { hop: 'collaboration-service', cause: error },
    );
  }

  #event(pin: string, fields: Omit<TraceEvent, 'at' | 'hop' | 'pin'>): void {
    if (this.#observe === ignoreTrace) return; // nobody observes: build no event
    this.#observe({ at: this.#clock.now(), hop: 'collaboration-service', pin, ...fields });
  }
}
