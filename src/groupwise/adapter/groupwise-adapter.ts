import { wellFormedCredential } from '../../crypto/credentials.js';
import type { ImBackend } from '../../pipeline/im-backend.js';
import type { ImEventPort, ImLoginRequest, ImReply, ImRequest } from '../../pipeline/im-request.js';
import type { Stage } from '../../pipeline/stage.js';
import type { TraceObserver } from '../../pipeline/trace.js';
import { MAX_PORT, checkCount } from '../../sametime/errors.js';
import { MAX_BUFFERED_MESSAGE_BYTES } from '../wire/stream-buffer.js';
import type { Clock } from '../../time/clock.js';
import { TimeoutWatchdog } from '../../time/timeout-watchdog.js';
import type { GroupWiseConnector } from '../link/groupwise-connector.js';
import { DEFAULT_MAX_REPLY_LENGTH } from '../wire/reply-decoder.js';
import { GROUPWISE_PORT } from '../wire/tags.js';
import type { AdapterContext, AdapterTraceFields, KeepaliveMode } from './adapter-context.js';
import type { GroupWiseSession } from './groupwise-session.js';
import { attemptLogin, type GroupWiseLoginResult } from './login-attempt.js';

/** How a `GroupWiseAdapter` reaches its server, and its limits. */
export interface GroupWiseAdapterOptions {
  /** How connections to the server are made: the SSL stand-in in process, or TLS. */
  readonly connector: GroupWiseConnector;
  /** The adapter's time: login timeouts and keepalives run on it. */
  readonly clock: Clock;
  /** The server's host name. */
  readonly host: string;
  /** Default 8300. */
  readonly port?: number;
  /** The total sessions the GroupWise protocol supports, for the Collaboration Service's Failed rule. */
  readonly sessionLimit: number;
  /** How long a login may wait for the server, on `clock`. Default 30,000; `Infinity` turns it off. */
  readonly loginTimeoutMs?: number;
  /** `timer` (default): ping at the login reply's interval; `manual`: only on `session.ping()`. */
  readonly keepalive?: KeepaliveMode;
  /** NM_A_SZ_USER_AGENT. Default `BlackBerry Collaboration Service`. */
  readonly userAgent?: string;
  /** nnmIPAddress, when set. */
  readonly ipAddress?: string;
  /** The largest reply or event accepted. Default 64 KiB. */
  readonly maxReplyLength?: number;
  /** Receives `groupwise-adapter` trace events. */
  readonly observe?: TraceObserver;
  /** Where sessions the server ends are reported. */
  readonly events?: ImEventPort;
}

const SESSION_CLOSED: ImReply = Object.freeze({ kind: 'status', ok: false, reason: 'session-closed' });
const STATUS_OK: ImReply = Object.freeze({ kind: 'status', ok: true });
const CLOSED_NOW: ImReply = Object.freeze({ kind: 'close', wasOpen: true });
const CLOSED_BEFORE: ImReply = Object.freeze({ kind: 'close', wasOpen: false });

function ignoreEvent(): void {}

/**
 * The Collaboration Service's GroupWise Messenger backend: each login opens a dedicated encrypted
 * connection (the SSL proxy connection) and speaks the client protocol on it (`login`, then
 * `setstatus` available); status requests are `setstatus`, keepalives `ping`, and a close closes
 * the connection. Sessions the server ends (events 114 and 115, a lost connection) go to `events`.
 */
export class GroupWiseAdapter implements ImBackend {
  readonly client = 'groupwise';
  readonly hop = 'groupwise-adapter';
  /** The server's host name. */
  readonly host: string;
  /** The server's port. */
  readonly port: number;
  readonly sessionLimit: number;
  /** How long a login waits for the server. */
  readonly loginTimeoutMs: number;
  /**
   * The longest `serve` takes to answer: a login fails by `loginTimeoutMs`, a status or a close is
   * answered at once. Undefined with no login timeout.
   */
  readonly answersWithinMs: number | undefined;
  readonly #ctx: AdapterContext;
  readonly #events: ImEventPort;
  readonly #sessions = new Map<string, GroupWiseSession>();

  constructor(options: GroupWiseAdapterOptions) {
    this.host = options.host;
    this.port = checkCount('port', options.port ?? GROUPWISE_PORT, 1, false, MAX_PORT);
    this.sessionLimit = checkCount('sessionLimit', options.sessionLimit, 0, true);
    this.loginTimeoutMs = checkCount('loginTimeoutMs', options.loginTimeoutMs ?? 30_000, 0, true);
    this.answersWithinMs = this.loginTimeoutMs === Number.POSITIVE_INFINITY ? undefined : this.loginTimeoutMs;
    this.#events = options.events ?? ignoreEvent;
    const { clock, observe } = options;
    const port = this.port;
    this.#ctx = {
      connector: options.connector,
      clock,
      host: this.host,
      port,
      watchdog:
        this.loginTimeoutMs === Number.POSITIVE_INFINITY ? undefined : new TimeoutWatchdog(clock, this.loginTimeoutMs),
      userAgent: options.userAgent ?? 'BlackBerry Collaboration Service',
      ipAddress: options.ipAddress,
      maxReplyLength: checkCount(
        'maxReplyLength',
        options.maxReplyLength ?? DEFAULT_MAX_REPLY_LENGTH,
        256,
        false,
        MAX_BUFFERED_MESSAGE_BYTES,
      ),
      keepalive: options.keepalive ?? 'timer',
      opened: (session, pin) => this.#opened(session, pin),
      closedByBes: (session) => this.#forget(session),
      trace:
        observe === undefined
          ? undefined
          : (fields: AdapterTraceFields): void =>
              observe({ at: clock.now(), hop: 'groupwise-adapter', port, ...fields }),
    };
  }

  /** Sessions open at the server through this adapter. */
  get openSessions(): number {
    return this.#sessions.size;
  }

  /** The open session on a connection. */
  session(connectionId: string): GroupWiseSession | undefined {
    return this.#sessions.get(connectionId);
  }

  /** The adapter as the pipe's last stage. Never rejects for an expected outcome. */
  readonly serve: Stage<ImRequest, ImReply> = (request) => {
    switch (request.kind) {
      case 'login':
        return this.#login(request);
      case 'status': {
        const session = this.#sessions.get(request.connectionId);
        return Promise.resolve(session?.sendStatus(request.presence) === true ? STATUS_OK : SESSION_CLOSED);
      }
      case 'close': {
        const session = this.#sessions.get(request.connectionId);
        if (session === undefined) return Promise.resolve(CLOSED_BEFORE);
        // Closing it makes the session forget itself here (`closedByBes`).
        const wasOpen = session.open;
        session.close(request.reason);
        return Promise.resolve(wasOpen ? CLOSED_NOW : CLOSED_BEFORE);
      }
    }
  };

  /**
   * Logs in and hands back the session itself (keepalives, presence), registered as `serve`'s are.
   * Never rejects. A user id or password that is not well-formed Unicode (a lone surrogate) is
   * refused, `authentication-failed` / `malformed-credentials`, before any connection.
   */
  login(request: Omit<ImLoginRequest, 'kind'>): Promise<GroupWiseLoginResult> {
    if (!wellFormedCredential(request.userId) || !wellFormedCredential(request.password)) {
      return Promise.resolve({
        ok: false,
        failure: { status: 'authentication-failed', reason: 'malformed-credentials' },
      });
    }
    return attemptLogin(this.#ctx, request);
  }

  /**
   * Stops holding a session that has closed, whichever side closed it: the only place sessions
   * leave the map. False if it was not held (a later session may have its connection id).
   */
  #forget(session: GroupWiseSession): boolean {
    if (this.#sessions.get(session.connectionId) !== session) return false;
    return this.#sessions.delete(session.connectionId);
  }

  #opened(session: GroupWiseSession, pin: string): void {
    const { connectionId } = session;
    this.#sessions.set(connectionId, session);
    session.onServerClose((reason, eventType) => {
      if (!this.#forget(session)) return;
      this.#events(
        eventType === undefined
          ? { kind: 'session-closed', pin, connectionId, reason }
          : { kind: 'session-closed', pin, connectionId, reason, reasonCode: eventType },
      );
    });
  }

  async #login(request: ImLoginRequest): Promise<ImReply> {
    const result = await this.login(request);
    return result.ok
      ? { kind: 'login', ok: true, connectionId: result.session.connectionId }
      : { kind: 'login', ok: false, failure: result.failure };
  }
}
