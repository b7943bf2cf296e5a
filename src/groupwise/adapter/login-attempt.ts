import type { ImLoginFailure, ImLoginRequest } from '../../pipeline/im-request.js';
import type { ConnectRequest, LinkListener, SametimeLink } from '../../sametime/link/sametime-link.js';
import type { Watched } from '../../time/timeout-watchdog.js';
import { loginRequest, resultCodeOf } from '../wire/commands.js';
import { fieldNumber, fieldText } from '../wire/field.js';
import { GroupWiseProtocolError } from '../wire/protocol-error.js';
import { ReplyDecoder } from '../wire/reply-decoder.js';
import { encodeRequest } from '../wire/request.js';
import type { GroupWiseReply } from '../wire/response.js';
import { ResultCode } from '../wire/result-code.js';
import { Tag } from '../wire/tags.js';
import type { AdapterContext } from './adapter-context.js';
import { GroupWiseSession } from './groupwise-session.js';
import { failureFromResult, localFailure, type LocalFailureReason } from './login-failure.js';

/** A login's outcome: the open session, or why not. */
export type GroupWiseLoginResult =
  | {
      /** Logged in. */
      readonly ok: true;
      /** The open session on its dedicated connection. */
      readonly session: GroupWiseSession;
    }
  | {
      /** Not logged in. */
      readonly ok: false;
      /** Why, as the Collaboration Service sees it. */
      readonly failure: ImLoginFailure;
    };

/** The interval a login reply without NM_A_UD_KEEPALIVE leaves the client, in minutes. */
const DEFAULT_KEEPALIVE_MINUTES = 10;
const LOGIN_TRANSACTION = 1;

/**
 * One login on its own dedicated connection, from connect to the reply with its transaction id. It
 * settles once; on every way out but success it closes the connection, and on every way out it
 * leaves the watchdog and clears its deadline timer, so nothing is left half-open or pending.
 */
class LoginAttempt implements LinkListener, Watched, ConnectRequest {
  deadline = 0;
  readonly #ctx: AdapterContext;
  readonly #request: Omit<ImLoginRequest, 'kind'>;
  readonly #resolve: (result: GroupWiseLoginResult) => void;
  #cancel: (() => void) | undefined;
  #cancelDeadline: (() => void) | undefined;
  #state: 'connecting' | 'login' | 'done' = 'connecting';
  #link: SametimeLink | undefined;
  readonly #decoder: ReplyDecoder;
  #session: GroupWiseSession | undefined;

  constructor(
    ctx: AdapterContext,
    request: Omit<ImLoginRequest, 'kind'>,
    resolve: (result: GroupWiseLoginResult) => void,
  ) {
    this.#ctx = ctx;
    this.#request = request;
    this.#resolve = resolve;
    this.#decoder = new ReplyDecoder({ maxLength: ctx.maxReplyLength });
  }

  get pin(): string {
    return this.#request.pin;
  }

  onCancel(cancel: () => void): void {
    this.#cancel = cancel;
  }

  start(): void {
    const ctx = this.#ctx;
    const { signal, deadline } = this.#request;
    if (signal?.aborted) return this.#fail('aborted');
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    ctx.watchdog?.watch(this);
    // The caller's own deadline, when it comes before the adapter's timeout.
    if (deadline !== undefined && (ctx.watchdog === undefined || deadline < this.deadline)) {
      this.#cancelDeadline = ctx.clock.timer(Math.max(0, deadline - ctx.clock.now()), () => this.#fail('timeout'));
    }
    let connecting: Promise<SametimeLink>;
    try {
      connecting = ctx.connector.connect(ctx.host, ctx.port, this);
    } catch {
      return this.#fail('unreachable');
    }
    connecting.then(this.#onConnected, this.#onConnectFailed);
  }

  expire(): void {
    this.#fail('timeout');
  }

  data(bytes: Uint8Array): void {
    if (this.#state === 'done') return;
    try {
      this.#decoder.push(bytes, this.#receive);
    } catch (error) {
      if (!(error instanceof GroupWiseProtocolError)) throw error;
      this.#fail('protocol-error');
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
    const { pin, userId, password } = this.#request;
    this.#link = link;
    this.#state = 'login';
    link.listen(this);
    ctx.trace?.({ pin, direction: 'request', action: 'connected', message: ctx.connector.security, outcome: link.id });
    let bytes: Uint8Array;
    try {
      bytes = encodeRequest(
        loginRequest(LOGIN_TRANSACTION, {
          userId,
          password,
          userAgent: ctx.userAgent,
          host: `${ctx.host}:${ctx.port}`,
          ...(ctx.ipAddress === undefined ? {} : { ipAddress: ctx.ipAddress }),
        }),
      );
    } catch (error) {
      // A user id or password over 32,768 bytes.
      if (!(error instanceof GroupWiseProtocolError)) throw error;
      return this.#fail('protocol-error');
    }
    link.write(bytes);
    ctx.trace?.({
      pin,
      direction: 'request',
      action: 'sent',
      bytes: bytes.length,
      sealed: true,
      message: 'login',
      outcome: ctx.connector.security,
    });
  };

  readonly #onConnectFailed = (): void => {
    if (this.#state !== 'done') this.#fail('unreachable');
  };

  readonly #onAbort = (): void => {
    if (this.#state !== 'done') this.#fail('aborted');
  };

  readonly #receive = (reply: GroupWiseReply, bytes: number): void => {
    if (this.#state === 'done') {
      this.#session?.receive(reply, bytes);
      return;
    }
    this.#ctx.trace?.({
      pin: this.#request.pin,
      direction: 'reply',
      action: 'received',
      bytes,
      sealed: true,
      message: reply.kind === 'response' ? 'reply' : `event-${reply.type}`,
    });
    if (reply.kind === 'event') return; // nothing the login waits for
    if (reply.status === 301) return this.#fail('redirected');
    // As real clients do: a reply for another transaction answers nothing here.
    if (fieldText(reply.fields, Tag.transactionId) !== String(LOGIN_TRANSACTION)) return;
    const code = resultCodeOf(reply.fields);
    if (code !== ResultCode.ok) return this.#settle({ ok: false, failure: failureFromResult(code) });
    const minutes = fieldNumber(reply.fields, Tag.keepalive);
    const keepaliveMs = (minutes !== undefined && minutes > 0 ? minutes : DEFAULT_KEEPALIVE_MINUTES) * 60_000;
    const link = this.#link!;
    const session = new GroupWiseSession(this.#ctx, link, this.#decoder, {
      userId: this.#request.userId,
      pin: this.#request.pin,
      keepaliveMs,
      lastTransaction: LOGIN_TRANSACTION,
    });
    this.#session = session;
    link.listen(session);
    this.#ctx.opened(session, this.#request.pin);
    // Right after its login a client says it is available, as real clients do.
    session.sendStatus('available');
    this.#settle({ ok: true, session });
  };

  #fail(reason: LocalFailureReason): void {
    this.#settle({ ok: false, failure: localFailure(reason) });
  }

  #settle(result: GroupWiseLoginResult): void {
    if (this.#state === 'done') return;
    const connecting = this.#state === 'connecting';
    this.#state = 'done';
    this.#ctx.watchdog?.unwatch(this);
    this.#cancelDeadline?.();
    this.#cancelDeadline = undefined;
    if (connecting) this.#cancel?.();
    this.#request.signal?.removeEventListener('abort', this.#onAbort);
    if (!result.ok) this.#link?.close();
    const trace = this.#ctx.trace;
    if (trace !== undefined) {
      const pin = this.#request.pin;
      if (result.ok) trace({ pin, direction: 'reply', action: 'logged-in', outcome: 'accepted' });
      else
        trace({
          pin,
          direction: 'reply',
          action: 'login-failed',
          outcome: `${result.failure.status}:${result.failure.reason}`,
        });
    }
    this.#resolve(result);
  }
}

/** Runs one login on a dedicated connection. Never rejects. */
export function attemptLogin(
  ctx: AdapterContext,
  request: Omit<ImLoginRequest, 'kind'>,
): Promise<GroupWiseLoginResult> {
  return new Promise((resolve) => new LoginAttempt(ctx, request, resolve).start());
}
