import { wellFormedCredential } from '../../crypto/credentials.js';
import type { ImBackend } from '../../pipeline/im-backend.js';
import type { ImEventPort, ImLoginRequest, ImReply, ImRequest } from '../../pipeline/im-request.js';
import type { Stage } from '../../pipeline/stage.js';
import type { TraceObserver } from '../../pipeline/trace.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';
import { PasswordSealer } from '../auth/password-sealer.js';
import { checkCount, MAX_PORT } from '../errors.js';
import type { SametimeConnector } from '../link/sametime-link.js';
import { DEFAULT_MAX_FRAME_LENGTH, checkMaxFrameLength, encodeFrame } from '../wire/frame.js';
import { MASTER_CHANNEL } from '../wire/header.js';
import { LoginType } from '../wire/login-type.js';
import { DEFAULT_LOCAL_HOST_MARKER, type Handshake } from '../wire/messages/handshake.js';
import { reasonName } from '../wire/reason-code.js';
import { SAMETIME_PORT } from '../wire/sametime-port.js';
import { CLIENT_VERSION } from '../wire/version.js';
import type { AdapterContext, AdapterTraceFields } from './adapter-context.js';
import { TimeoutWatchdog } from '../../time/timeout-watchdog.js';
import { attemptLogin, type SametimeLoginResult } from './login-attempt.js';
import type { SametimeSession } from './sametime-session.js';

/** What a `SametimeAdapter` needs: how to reach the server, a clock and a random source, and its limits. */
export interface SametimeAdapterOptions {
  /** How connections to the Sametime server are made (`SametimeServer.connector()` in process). */
  readonly connector: SametimeConnector;
  /** The BES clock: login timeouts and the time SET_USER_STATUS carries. */
  readonly clock: Clock;
  /** Draws the adapter's Diffie-Hellman private value (once) and the RC2/40 key of each login that uses it. */
  readonly random: Random;
  /** The Sametime server's host name, as the BES configuration names it. */
  readonly host: string;
  /** Default 1533. */
  readonly port?: number;
  /** "The total number of sessions the Sametime API supports", for the Collaboration Service's admission. */
  readonly sessionLimit: number;
  /**
   * How long a login may wait for the server, on `clock`. Default 30,000. One sleeper on the clock
   * serves every login in flight and is cancelled when none is; `Infinity` turns the timeout off.
   */
  readonly loginTimeoutMs?: number;
  /** Receives `sametime-adapter` trace events: connect, each frame sent and received, the outcome. */
  readonly observe?: TraceObserver;
  /** The login type announced in HANDSHAKE and LOGIN. Default 0x1003 (Java application). */
  readonly loginType?: number;
  /** The local host name HANDSHAKE carries. Default `bes-collaboration`. */
  readonly localHost?: string;
  /** The local IPv4 address HANDSHAKE carries, as a u32. Default 127.0.0.1. */
  readonly localAddress?: number;
  /** The largest frame accepted from the server. Default 64 KiB. */
  readonly maxFrameLength?: number;
  /**
   * Where what the server starts on a session is reported (the Collaboration Service's event
   * port): `session-closed` once per session it closes, `server-message` for each ADMIN or ANNOUNCE.
   */
  readonly events?: ImEventPort;
}

const SESSION_CLOSED: ImReply = Object.freeze({ kind: 'status', ok: false, reason: 'session-closed' });
const STATUS_OK: ImReply = Object.freeze({ kind: 'status', ok: true });
const CLOSED_NOW: ImReply = Object.freeze({ kind: 'close', wasOpen: true });
const CLOSED_BEFORE: ImReply = Object.freeze({ kind: 'close', wasOpen: false });
/** The answers `serve` gives at once, settled once and for all: a promise less per request. */
const ANSWERED = {
  sessionClosed: Promise.resolve(SESSION_CLOSED),
  statusOk: Promise.resolve(STATUS_OK),
  closedNow: Promise.resolve(CLOSED_NOW),
  closedBefore: Promise.resolve(CLOSED_BEFORE),
} as const;

function ignoreEvent(): void {}

/** What a login with a user id or password that is not well-formed Unicode gets, before any connection. */
const MALFORMED_CREDENTIALS: SametimeLoginResult = Object.freeze({
  ok: false,
  failure: Object.freeze({ status: 'authentication-failed', reason: 'malformed-credentials' }),
});

/** Whether the user id and password are well-formed Unicode (a lone surrogate would go as U+FFFD). */
function wellFormedCredentials(request: Omit<ImLoginRequest, 'kind'>): boolean {
  return wellFormedCredential(request.userId) && wellFormedCredential(request.password);
}

function asItIs(result: SametimeLoginResult): SametimeLoginResult {
  return result;
}

/** A login's outcome as the Collaboration Service reads it. */
function loginReply(result: SametimeLoginResult): ImReply {
  return result.ok
    ? { kind: 'login', ok: true, connectionId: result.session.connectionId }
    : { kind: 'login', ok: false, failure: result.failure };
}

/**
 * The HANDSHAKE's frame, or undefined when it does not encode (a local host name over 65,535
 * UTF-8 bytes): then each login encodes it itself and meets the error as it always did.
 */
function encodedHandshake(handshake: Handshake): Uint8Array | undefined {
  try {
    return encodeFrame(handshake);
  } catch {
    return undefined;
  }
}

/**
 * The Collaboration Service's Sametime backend: each login opens a dedicated connection, speaks the
 * Sametime community protocol on it (HANDSHAKE, LOGIN) and maps the answer to an `ImReply`;
 * status and close requests go on the session's own connection. The password goes as real clients
 * send it: DH-RC2/128 (auth type 0x0004) when the server offers a 64-byte Diffie-Hellman key,
 * RC2/40 (0x0002) otherwise. It never crosses the link, a trace or an error in the clear. Sessions
 * the server closes, and messages it sends (ADMIN, ANNOUNCE), are reported through `events`.
 */
export class SametimeAdapter implements ImBackend {
  readonly client = 'sametime';
  readonly hop = 'sametime-adapter';
  /** The Sametime server's host name it connects to. */
  readonly host: string;
  /** The Sametime server's port it connects to (1533 by default). */
  readonly port: number;
  readonly sessionLimit: number;
  /** How long a login may wait for the server, in milliseconds of the clock; `Infinity` when off. */
  readonly loginTimeoutMs: number;
  /**
   * The longest `serve` takes to answer: a login fails by `loginTimeoutMs`, a status or a close is
   * answered at once. Undefined with no login timeout.
   */
  readonly answersWithinMs: number | undefined;
  readonly #ctx: AdapterContext;
  readonly #sealer: PasswordSealer;
  readonly #events: ImEventPort;
  /** Open sessions by connection id (the server's login id). */
  readonly #sessions = new Map<string, SametimeSession>();

  constructor(options: SametimeAdapterOptions) {
    this.host = options.host;
    this.port = checkCount('port', options.port ?? SAMETIME_PORT, 1, false, MAX_PORT);
    this.sessionLimit = checkCount('sessionLimit', options.sessionLimit, 0, true);
    this.loginTimeoutMs = checkCount('loginTimeoutMs', options.loginTimeoutMs ?? 30_000, 0, true);
    this.answersWithinMs = this.loginTimeoutMs === Number.POSITIVE_INFINITY ? undefined : this.loginTimeoutMs;
    this.#sealer = new PasswordSealer(options.random);
    this.#events = options.events ?? ignoreEvent;
    const { clock, observe } = options;
    const port = this.port;
    const loginType = checkCount('loginType', options.loginType ?? LoginType.javaApplication, 0, false, 0xffff);
    const localAddress = checkCount('localAddress', options.localAddress ?? 0x7f00_0001, 0, false, 0xffff_ffff);
    const localHost = options.localHost ?? 'bes-collaboration';
    const handshake: Handshake = {
      type: 'HANDSHAKE',
      channel: MASTER_CHANNEL,
      major: CLIENT_VERSION.major,
      minor: CLIENT_VERSION.minor,
      masterChannel: MASTER_CHANNEL,
      serverAddress: 0,
      loginType,
      localAddress,
      extension: { marker: DEFAULT_LOCAL_HOST_MARKER, reserved: 0, localHost },
    };
    this.#ctx = {
      connector: options.connector,
      clock,
      host: this.host,
      port,
      watchdog:
        this.loginTimeoutMs === Number.POSITIVE_INFINITY ? undefined : new TimeoutWatchdog(clock, this.loginTimeoutMs),
      loginType,
      handshake,
      handshakeFrame: encodedHandshake(handshake),
      maxFrameLength: checkMaxFrameLength(options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH),
      sealer: this.#sealer,
      opened: (session) => this.#sessions.set(session.connectionId, session),
      closedByBes: (session) => this.#forget(session),
      closedByServer: (session, pin, reasonCode) => this.#closedByServer(session, pin, reasonCode),
      serverMessage: (session, pin, message) =>
        this.#events({ kind: 'server-message', pin, connectionId: session.connectionId, text: message.text }),
      trace:
        observe === undefined
          ? undefined
          : (fields: AdapterTraceFields): void =>
              observe({ at: clock.now(), hop: 'sametime-adapter', port, ...fields }),
    };
  }

  /** The adapter's Diffie-Hellman public value, sent in every DH-RC2/128 LOGIN: one key pair for all of them. */
  get publicKey(): Uint8Array {
    return this.#sealer.publicKey;
  }

  /** Diffie-Hellman key agreements so far: one per distinct server key, not one per login. */
  get keyAgreements(): number {
    return this.#sealer.keyAgreements;
  }

  /** Sessions open at the server through this adapter. */
  get openSessions(): number {
    return this.#sessions.size;
  }

  /** The open session on a connection, for keepalives and inspection. */
  session(connectionId: string): SametimeSession | undefined {
    return this.#sessions.get(connectionId);
  }

  /** The adapter as the pipe's last stage. Never rejects for an expected outcome. */
  readonly serve: Stage<ImRequest, ImReply> = (request) => {
    switch (request.kind) {
      case 'login':
        return this.#login(request);
      case 'status': {
        const session = this.#sessions.get(request.connectionId);
        if (session === undefined || !session.open) return ANSWERED.sessionClosed;
        // The session is open (checked above): the frame is written now and the promise resolves.
        void session.sendStatus(request.presence);
        return ANSWERED.statusOk;
      }
      case 'close': {
        const session = this.#sessions.get(request.connectionId);
        if (session === undefined) return ANSWERED.closedBefore;
        // Closing it makes the session forget itself here (`closedByBes`).
        const wasOpen = session.open;
        void session.close(request.reason);
        return wasOpen ? ANSWERED.closedNow : ANSWERED.closedBefore;
      }
    }
  };

  /**
   * Logs in on a dedicated connection and hands back the `SametimeSession` itself (keepalives,
   * user id), registered with the adapter as `serve`'s logins are. Never rejects. A user id or
   * password that is not well-formed Unicode (a lone surrogate, which UTF-8 would turn into U+FFFD)
   * is refused, `authentication-failed` / `malformed-credentials`, before any connection.
   */
  login(request: Omit<ImLoginRequest, 'kind'>): Promise<SametimeLoginResult> {
    if (!wellFormedCredentials(request)) return Promise.resolve(MALFORMED_CREDENTIALS);
    return attemptLogin(this.#ctx, request, asItIs);
  }

  /**
   * Stops holding a session that has closed, whichever side closed it: the only place sessions
   * leave the map. False if it was not held (a later session may have its connection id).
   */
  #forget(session: SametimeSession): boolean {
    if (this.#sessions.get(session.connectionId) !== session) return false;
    return this.#sessions.delete(session.connectionId);
  }

  /** Forgets a session its server closed, and reports the close through `events` once. */
  #closedByServer(session: SametimeSession, pin: string, reasonCode: number): void {
    if (!this.#forget(session)) return;
    this.#events({
      kind: 'session-closed',
      pin,
      connectionId: session.connectionId,
      reason: reasonName(reasonCode) ?? 'unknown-reason',
      reasonCode,
    });
  }

  /** `login`, answered as an `ImReply`: the login's own promise resolves with it. */
  #login(request: ImLoginRequest): Promise<ImReply> {
    if (!wellFormedCredentials(request)) return Promise.resolve(loginReply(MALFORMED_CREDENTIALS));
    return attemptLogin(this.#ctx, request, loginReply);
  }
}
