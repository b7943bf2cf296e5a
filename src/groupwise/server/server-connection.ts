import type { LinkListener, SametimeLink } from '../../sametime/link/sametime-link.js';
import { loginRecordFields, resultFields } from '../wire/commands.js';
import { encodeEvent, EventType, type GroupWiseEvent } from '../wire/event.js';
import { fieldText } from '../wire/field.js';
import { GroupWiseProtocolError } from '../wire/protocol-error.js';
import type { GroupWiseRequest } from '../wire/request.js';
import { RequestDecoder } from '../wire/request-decoder.js';
import { encodeResponse } from '../wire/response.js';
import { ResultCode, resultName } from '../wire/result-code.js';
import { Tag } from '../wire/tags.js';
import { GroupWiseStatus } from '../wire/user-status.js';
import type { ServerContext } from './server-context.js';

type State = 'login' | 'session' | 'closed';

/** A status a session set, and when. */
export interface SessionStatus {
  /** The `GroupWiseStatus` number. */
  readonly status: number;
  /** When it came, on the server's clock. */
  readonly at: number;
}

/** One open session at the server, as a snapshot. */
export interface GroupWiseSessionInfo {
  /** The dedicated connection's id: its link's. */
  readonly connectionId: string;
  /** The logged-in user. */
  readonly userId: string;
  /** The user's distinguished name (`cn=alice,o=bes-collab`). */
  readonly dn: string;
  /** When the login was accepted, on the server's clock. */
  readonly openedAt: number;
  /** When the client last sent anything. */
  readonly lastSeenAt: number;
  /** `ping` requests since the login. */
  readonly pings: number;
  /** The last `setstatus` (2 after a client's login), with when it came. */
  readonly status: SessionStatus | undefined;
}

/**
 * One accepted connection: it takes a `login`, and once that is accepted it is the session's
 * dedicated connection, answering `ping` and `setstatus` until either side closes it. Every reply
 * carries the request's transaction id and a result code, as text.
 */
export class ServerConnection implements LinkListener {
  readonly id: string;
  readonly pin: string | undefined;
  readonly #ctx: ServerContext;
  readonly #link: SametimeLink;
  readonly #decoder: RequestDecoder;
  #state: State = 'login';
  #userId = '';
  #openedAt = 0;
  #lastSeenAt: number;
  #pings = 0;
  #status: { status: number; at: number } | undefined;
  #cancelDeadline: (() => void) | undefined;
  readonly #trace: ServerContext['trace'];

  constructor(ctx: ServerContext, link: SametimeLink, id: string, loginTimeoutMs?: number) {
    this.id = id;
    this.pin = link.pin;
    this.#ctx = ctx;
    this.#link = link;
    const trace = ctx.trace;
    const pin = link.pin;
    // Not `{ ...fields, pin }`: V8 makes a new hidden class for each object a literal builds by adding a key after a spread,
    // about half a microsecond per event.
    this.#trace =
      trace === undefined || pin === undefined ? trace : (fields) => trace(Object.assign({}, fields, { pin }));
    this.#decoder = new RequestDecoder({ maxLength: ctx.maxRequestLength });
    this.#lastSeenAt = ctx.clock.now();
    if (loginTimeoutMs !== undefined && loginTimeoutMs !== Number.POSITIVE_INFINITY) {
      this.#cancelDeadline = ctx.clock.timer(loginTimeoutMs, () => {
        this.#cancelDeadline = undefined;
        if (this.#state !== 'login') return;
        this.#trace?.({ direction: 'reply', action: 'dropped', outcome: 'login-timeout' });
        this.#close();
      });
    }
    link.listen(this);
  }

  get userId(): string {
    return this.#userId;
  }

  get isSession(): boolean {
    return this.#state === 'session';
  }

  /** The user's distinguished name. */
  get dn(): string {
    return `cn=${this.#userId},o=${this.#ctx.organisation}`;
  }

  info(): GroupWiseSessionInfo {
    return {
      connectionId: this.id,
      userId: this.#userId,
      dn: this.dn,
      openedAt: this.#openedAt,
      lastSeenAt: this.#lastSeenAt,
      pings: this.#pings,
      status: this.#status,
    };
  }

  data(bytes: Uint8Array): void {
    if (this.#state === 'closed') return;
    this.#lastSeenAt = this.#ctx.clock.now();
    try {
      this.#decoder.push(bytes, this.#receive);
    } catch (error) {
      if (!(error instanceof GroupWiseProtocolError)) throw error;
      this.#trace?.({ direction: 'request', action: 'rejected', outcome: `protocol-error:${error.code}` });
      this.#close();
    }
  }

  /** The client closed the connection: for a session, its logout. */
  closed(): void {
    if (this.#state === 'closed') return;
    this.#trace?.({
      direction: 'request',
      action: this.#state === 'session' ? 'logged-out' : 'closed',
      outcome: this.#state === 'session' ? 'client-closed' : 'abandoned',
    });
    this.#close();
  }

  /** Sends an event on the session's connection. */
  tell(event: GroupWiseEvent): void {
    if (this.#state !== 'session') return;
    const bytes = encodeEvent(event);
    this.#link.write(bytes);
    this.#trace?.({
      direction: 'reply',
      action: 'event',
      bytes: bytes.length,
      sealed: true,
      message: `event-${event.type}`,
    });
  }

  /** Ends the connection from the server's side: event `type` (115, or 114 for a login elsewhere) on a session, then the close. */
  end(type: typeof EventType.serverDisconnect | typeof EventType.userDisconnect = EventType.serverDisconnect): void {
    if (this.#state === 'closed') return;
    this.tell({ kind: 'event', type, source: this.dn });
    this.#close();
  }

  /** Closes without a word, as a lost connection would. */
  drop(): void {
    if (this.#state === 'closed') return;
    this.#trace?.({ direction: 'reply', action: 'dropped' });
    this.#close();
  }

  readonly #receive = (request: GroupWiseRequest, bytes: number): void => {
    if (this.#state === 'closed') return;
    this.#trace?.({ direction: 'request', action: 'received', bytes, sealed: true, message: request.command });
    const transactionId = fieldText(request.fields, Tag.transactionId);
    if (this.#state === 'login') {
      if (request.command === 'login') return this.#onLogin(request, transactionId);
      this.#reply(transactionId, ResultCode.serverProtocol);
      return this.#close();
    }
    switch (request.command) {
      case 'ping':
        this.#pings++;
        return this.#reply(transactionId, ResultCode.ok);
      case 'setstatus': {
        const status = Number(fieldText(request.fields, Tag.status) ?? Number.NaN);
        if (!Number.isInteger(status) || status < 0 || status > GroupWiseStatus.awayIdle)
          return this.#reply(transactionId, ResultCode.serverProtocol);
        this.#status = { status, at: this.#ctx.clock.now() };
        this.#reply(transactionId, ResultCode.ok);
        return this.#ctx.statusSet(this, status);
      }
      default:
        // Commands of services this model does not run (conferences, contacts, ...): answered, the session goes on.
        return this.#reply(transactionId, ResultCode.serverProtocol);
    }
  };

  #onLogin(request: GroupWiseRequest, transactionId: string | undefined): void {
    const ctx = this.#ctx;
    const userId = fieldText(request.fields, Tag.userId) ?? '';
    const password = fieldText(request.fields, Tag.credentials) ?? '';
    let code = ctx.accounts.check(userId, password);
    if (code === ResultCode.ok) code = ctx.capacityFor(userId);
    if (code !== ResultCode.ok) {
      this.#reply(transactionId, code);
      return this.#close();
    }
    this.#state = 'session';
    this.#cancelDeadline?.();
    this.#cancelDeadline = undefined;
    this.#userId = userId;
    this.#openedAt = ctx.clock.now();
    ctx.sessionOpened(this);
    const record = loginRecordFields({
      dn: this.dn,
      userId,
      fullName: userId,
      keepaliveMinutes: ctx.keepaliveMinutes,
      status: GroupWiseStatus.available,
    });
    this.#reply(transactionId, ResultCode.ok, record);
  }

  #reply(transactionId: string | undefined, code: number, extra?: Parameters<typeof resultFields>[2]): void {
    const bytes = encodeResponse({ status: 200, fields: resultFields(transactionId, code, extra) });
    this.#link.write(bytes);
    this.#trace?.({
      direction: 'reply',
      action: 'sent',
      bytes: bytes.length,
      sealed: true,
      message: 'reply',
      outcome: resultName(code) ?? String(code),
    });
  }

  #close(): void {
    if (this.#state === 'closed') return;
    this.#cancelDeadline?.();
    this.#cancelDeadline = undefined;
    this.#state = 'closed';
    this.#link.close();
    this.#ctx.connectionClosed(this);
  }
}
