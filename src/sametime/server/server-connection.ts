import { authTypeName } from '../auth/auth-type.js';
import type { LinkListener, SametimeLink } from '../link/sametime-link.js';
import type { PrivacyBlock } from '../wire/blocks.js';
import { encodeFrame } from '../wire/frame.js';
import { FrameDecoder } from '../wire/frame-decoder.js';
import { MASTER_CHANNEL } from '../wire/header.js';
import { messageName, type SametimeMessage } from '../wire/message.js';
import type { Handshake } from '../wire/messages/handshake.js';
import type { Login } from '../wire/messages/login.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { ReasonCode, reasonName } from '../wire/reason-code.js';
import { StatusCode } from '../wire/user-status.js';
import { CLIENT_VERSION, isKeyExchangeVersion } from '../wire/version.js';
import { loginRecord, loginRefusal } from './login-decision.js';
import type { ServerContext } from './server-context.js';
import { GARBAGE_REPLY, type SametimeFault } from './server-fault.js';
import type { ServerSessionInfo, ServerStatusRecord } from './server-session-info.js';

type State = 'handshake' | 'login' | 'session' | 'closed';

const EMPTY = new Uint8Array(0);
/** The privacy block of every LOGIN_ACK: this server keeps no privacy lists. */
const NO_PRIVACY_LIST: PrivacyBlock = Object.freeze({ deny: false, users: Object.freeze([]) });

/**
 * One accepted connection at the simulated server. It walks the login (HANDSHAKE, LOGIN) and, once
 * the login is accepted, is the session's dedicated connection: it listens for the session's
 * requests (SET_USER_STATUS, keepalive bytes, CHANNEL_DESTROY = logout) until either side closes.
 */
export class ServerConnection implements LinkListener {
  readonly id: string;
  /** The device PIN the link was opened for, when it says (traces only). */
  readonly pin: string | undefined;
  readonly #ctx: ServerContext;
  readonly #link: SametimeLink;
  readonly #fault: SametimeFault;
  readonly #decoder: FrameDecoder;
  #state: State = 'handshake';
  #magic = 0;
  #userId: string | undefined;
  #openedAt = 0;
  #lastSeenAt: number;
  /** Keepalive bytes the decoder had skipped when the login was accepted. */
  #keepalivesAtLogin = 0;
  #lastStatus: ServerStatusRecord | undefined;
  /** Cancels the login deadline, while one is armed. */
  #cancelDeadline: (() => void) | undefined;
  /** The server's tracer, with the connection's PIN when the link carries one. */
  readonly #trace: ServerContext['trace'];

  /**
   * With `loginTimeoutMs`, a client that has not logged in by then is dropped (for connections
   * from a network, where a peer may connect and say nothing).
   */
  constructor(ctx: ServerContext, link: SametimeLink, id: string, fault: SametimeFault, loginTimeoutMs?: number) {
    this.id = id;
    this.pin = link.pin;
    this.#ctx = ctx;
    const trace = ctx.trace;
    const pin = link.pin;
    // Not `{ ...fields, pin }`: V8 makes a new hidden class for each object a literal builds by adding a key after a spread,
    // about half a microsecond per event.
    this.#trace =
      trace === undefined || pin === undefined ? trace : (fields) => trace(Object.assign({}, fields, { pin }));
    this.#link = link;
    this.#fault = fault;
    this.#decoder = new FrameDecoder({ maxFrameLength: ctx.maxFrameLength });
    this.#lastSeenAt = ctx.clock.now();
    if (loginTimeoutMs !== undefined && loginTimeoutMs !== Number.POSITIVE_INFINITY) {
      this.#cancelDeadline = ctx.clock.timer(loginTimeoutMs, () => {
        this.#cancelDeadline = undefined;
        if (this.#state === 'session' || this.#state === 'closed') return;
        this.#trace?.({ direction: 'reply', action: 'dropped', outcome: 'login-timeout' });
        this.#close();
      });
    }
    link.listen(this);
  }

  /** The logged-in user, once the login is accepted. */
  get userId(): string | undefined {
    return this.#userId;
  }

  get isSession(): boolean {
    return this.#state === 'session';
  }

  info(): ServerSessionInfo {
    return {
      connectionId: this.id,
      userId: this.#userId ?? '',
      openedAt: this.#openedAt,
      lastSeenAt: this.#lastSeenAt,
      keepalives: this.#decoder.keepalives - this.#keepalivesAtLogin,
      lastStatus: this.#lastStatus,
    };
  }

  data(bytes: Uint8Array): void {
    if (this.#state === 'closed') return;
    this.#lastSeenAt = this.#ctx.clock.now();
    try {
      this.#decoder.push(bytes, this.#receive);
    } catch (error) {
      if (!(error instanceof SametimeProtocolError)) throw error;
      this.#trace?.({ direction: 'request', action: 'rejected', outcome: `protocol-error:${error.code}` });
      this.destroy(ReasonCode.generalFailure);
    }
  }

  closed(): void {
    if (this.#state === 'closed') return;
    this.#trace?.({
      direction: 'request',
      action: 'closed',
      outcome: this.#state === 'session' ? 'client-closed' : 'abandoned',
    });
    this.#close();
  }

  /** Closes from the server's side: CHANNEL_DESTROY with `reason`, then the connection. */
  destroy(reason: number): void {
    if (this.#state === 'closed') return;
    this.#send(
      { type: 'CHANNEL_DESTROY', channel: MASTER_CHANNEL, reason, data: EMPTY },
      reasonName(reason) ?? 'unknown-reason',
    );
    this.#close();
  }

  /** Sends an ADMIN or ANNOUNCE to the session's user. Only on a session. */
  tell(m: SametimeMessage): void {
    if (this.#state === 'session') this.#send(m);
  }

  /** Closes the connection without a CHANNEL_DESTROY, as a lost connection would. */
  drop(): void {
    if (this.#state === 'closed') return;
    this.#trace?.({ direction: 'reply', action: 'dropped' });
    this.#close();
  }

  readonly #receive = (m: SametimeMessage, frameBytes: number): void => {
    if (this.#state === 'closed') return;
    const trace = this.#trace;
    if (trace !== undefined) {
      const name = messageName(m);
      trace(
        m.type === 'LOGIN'
          ? {
              direction: 'request',
              action: 'received',
              bytes: frameBytes,
              message: name,
              sealed: true,
              outcome: authTypeName(m.authType),
            }
          : { direction: 'request', action: 'received', bytes: frameBytes, message: name, sealed: false },
      );
    }
    switch (this.#state) {
      case 'handshake':
        return m.type === 'HANDSHAKE' ? this.#onHandshake(m) : this.destroy(ReasonCode.generalFailure);
      case 'login':
        return m.type === 'LOGIN' ? this.#onLogin(m) : this.destroy(ReasonCode.generalFailure);
      case 'session':
        return this.#onSessionMessage(m);
    }
  };

  #onHandshake(m: Handshake): void {
    if (this.#fault === 'silent') return;
    if (this.#fault === 'garbage') {
      this.#link.write(GARBAGE_REPLY.slice());
      this.#trace?.({
        direction: 'reply',
        action: 'sent',
        bytes: GARBAGE_REPLY.length,
        sealed: false,
        outcome: 'fault:garbage',
      });
      return;
    }
    if (!isKeyExchangeVersion(m.major, m.minor)) return this.destroy(ReasonCode.versionMismatch);
    this.#magic = this.#ctx.random.uint32();
    this.#state = 'login';
    this.#send({
      type: 'HANDSHAKE_ACK',
      channel: MASTER_CHANNEL,
      major: CLIENT_VERSION.major,
      minor: CLIENT_VERSION.minor,
      clientAddress: m.localAddress,
      // No 64-byte key, and real clients fall back to RC2/40.
      keyExchange: { magic: this.#magic, serverKey: this.#ctx.offersKeyAgreement ? this.#ctx.opener.publicKey : EMPTY },
    });
  }

  #onLogin(m: Login): void {
    if (this.#fault === 'silent') return;
    if (this.#fault === 'close-mid-login') {
      this.#trace?.({ direction: 'reply', action: 'closed', outcome: 'fault:close-mid-login' });
      return this.#close();
    }
    const ctx = this.#ctx;
    const refusal = loginRefusal(ctx, m, this.#magic);
    ctx.loginAnswered?.(loginRecord(this.id, this.#link.id, m, refusal));
    if (refusal !== undefined) return this.destroy(refusal);
    const now = ctx.clock.now();
    this.#state = 'session';
    this.#disarm();
    this.#userId = m.userId;
    this.#openedAt = now;
    this.#keepalivesAtLogin = this.#decoder.keepalives;
    ctx.sessionOpened(this);
    this.#send(
      {
        type: 'LOGIN_ACK',
        channel: MASTER_CHANNEL,
        loginInfo: {
          loginId: this.id,
          loginType: m.loginType,
          userId: m.userId,
          userName: m.userId,
          community: ctx.community,
          full: { description: '', address: 0, serverId: ctx.serverId },
        },
        reserved: 0,
        privacy: NO_PRIVACY_LIST,
        userStatus: { status: StatusCode.active, time: Math.floor(now / 1000) >>> 0, description: '' },
      },
      'accepted',
    );
  }

  #onSessionMessage(m: SametimeMessage): void {
    if (m.type === 'SET_USER_STATUS') {
      this.#lastStatus = { status: m.status, time: m.time, description: m.description, at: this.#ctx.clock.now() };
    } else if (m.type === 'CHANNEL_DESTROY' && m.channel === MASTER_CHANNEL) {
      this.#trace?.({ direction: 'request', action: 'logged-out', outcome: reasonName(m.reason) ?? 'unknown-reason' });
      this.#close();
    }
    // Other messages (SENSE_SERVICE, channels, privacy lists, types not in the table) belong to
    // services this model does not run: skipped, and the session goes on.
  }

  #send(m: SametimeMessage, outcome?: string): void {
    const frame = encodeFrame(m);
    this.#link.write(frame);
    const trace = this.#trace;
    if (trace === undefined) return;
    const name = messageName(m);
    trace(
      outcome === undefined
        ? { direction: 'reply', action: 'sent', bytes: frame.length, sealed: false, message: name }
        : { direction: 'reply', action: 'sent', bytes: frame.length, sealed: false, message: name, outcome },
    );
  }

  #close(): void {
    this.#link.close();
    this.#teardown();
  }

  #disarm(): void {
    this.#cancelDeadline?.();
    this.#cancelDeadline = undefined;
  }

  #teardown(): void {
    this.#disarm();
    this.#state = 'closed';
    this.#ctx.connectionClosed(this);
  }
}
