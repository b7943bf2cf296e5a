import type { ImLoginFailure, ImLoginRequest } from '../../pipeline/im-request.js';
import { AuthType, authTypeName } from '../auth/auth-type.js';
import { DH_KEY_BYTES } from '../auth/diffie-hellman.js';
import type { ConnectRequest, LinkListener, SametimeLink } from '../link/sametime-link.js';
import { frameCopy } from '../../crypto/frame-slab.js';
import { encodeFrame } from '../wire/frame.js';
import { FrameDecoder } from '../wire/frame-decoder.js';
import { MASTER_CHANNEL } from '../wire/header.js';
import { messageName, type SametimeMessage } from '../wire/message.js';
import type { HandshakeAck } from '../wire/messages/handshake-ack.js';
import type { LoginAck } from '../wire/messages/login-ack.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import type { AdapterContext } from './adapter-context.js';
import { failureFromReason, localFailure, type LocalFailureReason } from './login-failure.js';
import type { Watched } from '../../time/timeout-watchdog.js';
import { abortsOnlyAtDeadline } from '../../pipeline/login-call.js';
import { SametimeSession } from './sametime-session.js';
import { isUnsolicited } from './server-message.js';

/** `ImLoginResult`, narrowed: a successful Sametime login gives a `SametimeSession`. */
export type SametimeLoginResult =
  | {
      /** The server sent LOGIN_ACK. */
      readonly ok: true;
      /** The session it opened. */
      readonly session: SametimeSession;
    }
  | {
      /** The login failed. */
      readonly ok: false;
      /** Why it failed. */
      readonly failure: ImLoginFailure;
    };

type State = 'connecting' | 'handshake' | 'login' | 'done';

/**
 * One login, from connect to LOGIN_ACK or failure, on its own dedicated connection. It settles
 * exactly once; on every way out that is not success it closes the connection, and on every way
 * out it leaves the watchdog and cancels a connect in flight, so nothing is left half-open at the
 * server and no sleeper is left on the clock.
 */
class LoginAttempt implements LinkListener, Watched, ConnectRequest {
  /** When the watchdog times this login out (set by the watchdog). */
  deadline = 0;
  readonly #ctx: AdapterContext;
  readonly #request: Omit<ImLoginRequest, 'kind'>;
  readonly #resolve: (result: SametimeLoginResult) => void;
  /** Undoes the connect in flight, if the connector said how. */
  #cancel: (() => void) | undefined;
  #state: State = 'connecting';
  #link: SametimeLink | undefined;
  #decoder: FrameDecoder | undefined;
  #session: SametimeSession | undefined;
  /** The caller's signal this login listens to, if any (see `#callerSignal`). */
  #signal: AbortSignal | undefined;
  /** What listens to `#signal`: made only when there is one, which most logins do not have. */
  #onAbort: (() => void) | undefined;
  /** The device the connection is for, as the connector may trace it. */
  readonly pin: string;

  constructor(
    ctx: AdapterContext,
    request: Omit<ImLoginRequest, 'kind'>,
    resolve: (result: SametimeLoginResult) => void,
  ) {
    this.#ctx = ctx;
    this.#request = request;
    this.pin = request.pin;
    this.#resolve = resolve;
  }

  /** The connector's way to undo the connect if this login settles first. */
  onCancel(cancel: () => void): void {
    this.#cancel = cancel;
  }

  /**
   * The caller's signal, unless this adapter's own timeout ends the login first anyway: the
   * Collaboration Service's signal aborts only at its deadline (35 s by default, against this
   * adapter's 30 s), and reading it would make an AbortController for every login.
   */
  #callerSignal(): AbortSignal | undefined {
    const request = this.#request;
    // Any other caller's signal is listened to whatever its deadline: no need to read that.
    if (!abortsOnlyAtDeadline(request)) return request.signal;
    const { watchdog, clock } = this.#ctx;
    const deadline = request.deadline;
    const givesUpFirst =
      watchdog !== undefined && deadline !== undefined && deadline >= clock.now() + watchdog.timeoutMs;
    return givesUpFirst ? undefined : request.signal;
  }

  start(): void {
    const ctx = this.#ctx;
    const signal = this.#callerSignal();
    if (signal !== undefined) {
      if (signal.aborted) return this.#fail('aborted');
      const onAbort = (): void => {
        if (this.#state !== 'done') this.#fail('aborted');
      };
      this.#signal = signal;
      this.#onAbort = onAbort;
      signal.addEventListener('abort', onAbort, { once: true });
    }
    ctx.watchdog?.watch(this);
    let connecting: Promise<SametimeLink>;
    try {
      connecting = ctx.connector.connect(ctx.host, ctx.port, this);
    } catch {
      return this.#fail('unreachable');
    }
    connecting.then(this.#onConnected, this.#onConnectFailed);
  }

  data(bytes: Uint8Array): void {
    if (this.#state === 'done') return;
    try {
      this.#decoder!.push(bytes, this.#receive);
    } catch (error) {
      if (!(error instanceof SametimeProtocolError)) throw error;
      if (this.#session !== undefined) this.#session.protocolError();
      else this.#fail('protocol-error');
    }
  }

  closed(): void {
    if (this.#state !== 'done') this.#fail('closed');
  }

  readonly #onConnected = (link: SametimeLink): void => {
    if (this.#state === 'done') {
      link.close();
      return;
    }
    const ctx = this.#ctx;
    this.#link = link;
    this.#decoder = new FrameDecoder({ maxFrameLength: ctx.maxFrameLength });
    this.#state = 'handshake';
    link.listen(this);
    ctx.trace?.({ pin: this.pin, direction: 'request', action: 'connected', outcome: link.id });
    // The HANDSHAKE is the same for every login: copied from the adapter's one encoding of it.
    if (ctx.handshakeFrame === undefined) this.#send(ctx.handshake);
    else this.#write(frameCopy(ctx.handshakeFrame), ctx.handshake.type);
  };

  readonly #onConnectFailed = (): void => {
    if (this.#state !== 'done') this.#fail('unreachable');
  };

  /** The watchdog's call: no answer within `loginTimeoutMs`. */
  expire(): void {
    this.#fail('timeout');
  }

  readonly #receive = (m: SametimeMessage, frameBytes: number): void => {
    if (this.#state === 'done') {
      // Frames that arrived in the same chunk as LOGIN_ACK belong to the session.
      this.#session?.receive(m, frameBytes);
      return;
    }
    this.#ctx.trace?.({
      pin: this.pin,
      direction: 'reply',
      action: 'received',
      bytes: frameBytes,
      sealed: false,
      message: messageName(m),
    });
    if (m.type === 'CHANNEL_DESTROY' && m.channel === MASTER_CHANNEL)
      return this.#settle({ ok: false, failure: failureFromReason(m.reason) });
    if (this.#state === 'handshake' && m.type === 'HANDSHAKE_ACK') return this.#onHandshakeAck(m);
    if (this.#state === 'login' && m.type === 'LOGIN_ACK') return this.#onLoginAck(m);
    if (this.#state === 'login' && m.type === 'LOGIN_REDIRECT') return this.#fail('redirected');
    if (isUnsolicited(m)) return; // traced as received; it answers nothing the login waits for
    this.#fail('protocol-error');
  };

  /** As real clients do: DH-RC2/128 when the server offers a key of 64 bytes or more, RC2/40 otherwise. */
  #onHandshakeAck(m: HandshakeAck): void {
    const kx = m.keyExchange;
    const { userId, password } = this.#request;
    const sealer = this.#ctx.sealer;
    const dh = kx !== undefined && kx.serverKey.length >= DH_KEY_BYTES;
    let authData: Uint8Array | undefined;
    try {
      authData = dh ? sealer.sealDh(kx.serverKey, kx.magic, password) : sealer.sealRc2_40(password);
    } catch (error) {
      // Only a password over 65,535 UTF-8 bytes gets here.
      if (!(error instanceof SametimeProtocolError)) throw error;
    }
    // A server key out of range (0, 1, p - 1 or above) would give a secret anyone can compute.
    if (authData === undefined) return this.#fail('protocol-error');
    const authType = dh ? AuthType.rc2_128 : AuthType.rc2_40;
    this.#state = 'login';
    this.#send(
      { type: 'LOGIN', channel: MASTER_CHANNEL, loginType: this.#ctx.loginType, userId, authData, authType },
      authTypeName(authType),
    );
  }

  #onLoginAck(m: LoginAck): void {
    const link = this.#link!;
    const session = new SametimeSession(this.#ctx, link, this.#decoder!, {
      connectionId: m.loginInfo.loginId === '' ? link.id : m.loginInfo.loginId,
      userId: this.#request.userId,
      pin: this.pin,
    });
    this.#session = session;
    link.listen(session);
    this.#ctx.opened(session);
    this.#settle({ ok: true, session });
  }

  /** Sends `m`; `sealedWith` names the auth type of a LOGIN, whose password goes encrypted. */
  #send(m: SametimeMessage, sealedWith?: string): void {
    let frame: Uint8Array;
    try {
      frame = encodeFrame(m);
    } catch (error) {
      // Only a user id or local host name over 65,535 UTF-8 bytes gets here.
      if (!(error instanceof SametimeProtocolError)) throw error;
      return this.#fail('protocol-error');
    }
    this.#write(frame, m.type, sealedWith);
  }

  /** Writes the frame of a `type` message and traces it. */
  #write(frame: Uint8Array, type: SametimeMessage['type'], sealedWith?: string): void {
    this.#link!.write(frame);
    const trace = this.#ctx.trace;
    if (trace === undefined) return;
    const pin = this.pin;
    trace(
      sealedWith === undefined
        ? { pin, direction: 'request', action: 'sent', bytes: frame.length, sealed: false, message: type }
        : {
            pin,
            direction: 'request',
            action: 'sent',
            bytes: frame.length,
            sealed: true,
            message: type,
            outcome: sealedWith,
          },
    );
  }

  #fail(reason: LocalFailureReason): void {
    this.#settle({ ok: false, failure: localFailure(reason) });
  }

  #settle(result: SametimeLoginResult): void {
    if (this.#state === 'done') return;
    const connecting = this.#state === 'connecting';
    this.#state = 'done';
    this.#ctx.watchdog?.unwatch(this);
    if (connecting) this.#cancel?.();
    if (this.#onAbort !== undefined) this.#signal?.removeEventListener('abort', this.#onAbort);
    if (!result.ok) this.#link?.close();
    this.#trace(result);
    this.#resolve(result);
  }

  #trace(result: SametimeLoginResult): void {
    const trace = this.#ctx.trace;
    if (trace === undefined) return;
    if (result.ok) {
      trace({ pin: this.pin, direction: 'reply', action: 'logged-in', outcome: 'accepted' });
      return;
    }
    const failure: ImLoginFailure = result.failure;
    trace({
      pin: this.pin,
      direction: 'reply',
      action: 'login-failed',
      outcome: `${failure.status}:${failure.reason}`,
    });
  }
}

/**
 * Runs one login on a dedicated connection, and resolves with `answer` of its outcome (a
 * `SametimeLoginResult`), so a caller that wants the outcome in another form needs no promise of
 * its own for it. Never rejects, for an `answer` that does not throw.
 */
export function attemptLogin<T>(
  ctx: AdapterContext,
  request: Omit<ImLoginRequest, 'kind'>,
  answer: (result: SametimeLoginResult) => T,
): Promise<T> {
  return new Promise((resolve) => new LoginAttempt(ctx, request, (result) => resolve(answer(result))).start());
}
