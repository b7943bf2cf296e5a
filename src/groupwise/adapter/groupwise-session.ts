import type { ImCloseReason, ImPresence } from '../../pipeline/im-request.js';
import type { LinkListener, SametimeLink } from '../../sametime/link/sametime-link.js';
import { pingRequest, setStatusRequest } from '../wire/commands.js';
import { EventType } from '../wire/event.js';
import { GroupWiseProtocolError } from '../wire/protocol-error.js';
import type { ReplyDecoder } from '../wire/reply-decoder.js';
import { encodeRequest, type GroupWiseRequest } from '../wire/request.js';
import type { GroupWiseReply } from '../wire/response.js';
import { PRESENCE_GROUPWISE_STATUS, statusName } from '../wire/user-status.js';
import type { AdapterContext } from './adapter-context.js';

/** Why the server's side ended a session: event 114 or 115, the connection lost, or bytes that are not the protocol. */
export type ServerCloseReason = 'user-disconnect' | 'server-disconnect' | 'connection-lost' | 'protocol-error';

/** A contact's status change (event 103), as a session hears it. */
export interface PresenceChange {
  /** The contact's DN. */
  readonly source: string;
  /** The contact's new `GroupWiseStatus`. */
  readonly status: number;
}

/** Hears the server's side end a session: why, and the event type when an event said so. */
export type ServerCloseListener = (reason: ServerCloseReason, eventType?: number) => void;

/**
 * An open GroupWise session: the dedicated connection its login opened. It numbers its requests
 * on from the login's transaction id, sends `setstatus` and `ping`, pings at the login reply's
 * keepalive interval (in `timer` mode), hears presence events, and logs out by closing the connection.
 */
export class GroupWiseSession implements LinkListener {
  /** The dedicated connection's id (its link's), as the server names it too. */
  readonly connectionId: string;
  /** The logged-in user. */
  readonly userId: string;
  /** The interval the login reply gave, in milliseconds. */
  readonly keepaliveMs: number;
  readonly #ctx: AdapterContext;
  readonly #link: SametimeLink;
  readonly #decoder: ReplyDecoder;
  readonly #pin: string;
  #transaction: number;
  #open = true;
  #pings = 0;
  #cancelKeepalive: (() => void) | undefined;
  #closeListeners: ServerCloseListener[] = [];
  #presenceListeners: ((change: PresenceChange) => void)[] = [];

  /** @internal A session is opened by the adapter's login. */
  constructor(
    ctx: AdapterContext,
    link: SametimeLink,
    decoder: ReplyDecoder,
    ids: { userId: string; pin: string; keepaliveMs: number; lastTransaction: number },
  ) {
    this.#ctx = ctx;
    this.#link = link;
    this.#decoder = decoder;
    this.connectionId = link.id;
    this.userId = ids.userId;
    this.#pin = ids.pin;
    this.keepaliveMs = ids.keepaliveMs;
    this.#transaction = ids.lastTransaction;
    if (ctx.keepalive === 'timer') this.#armKeepalive();
  }

  /** False once either side has closed the session. */
  get open(): boolean {
    return this.#open;
  }

  /** Pings sent on this session. */
  get pings(): number {
    return this.#pings;
  }

  /** Sends `setstatus` with the availability's GroupWise status. False once the session is closed. */
  sendStatus(presence: ImPresence): boolean {
    if (!this.#open) return false;
    this.#send(setStatusRequest(++this.#transaction, PRESENCE_GROUPWISE_STATUS[presence]), presence);
    return true;
  }

  /** Sends the keepalive `ping`. False once the session is closed. */
  ping(): boolean {
    if (!this.#open) return false;
    this.#pings++;
    this.#send(pingRequest(++this.#transaction), 'keepalive');
    return true;
  }

  /** Logs out: GroupWise's logout is closing the connection. */
  close(reason: ImCloseReason): void {
    if (!this.#open) return;
    this.#shut();
    this.#closeListeners = [];
    this.#link.close();
    this.#ctx.trace?.({ pin: this.#pin, direction: 'request', action: 'closed', outcome: reason });
    this.#ctx.closedByBes(this);
  }

  /** `listener` runs once when the server's side ends the session. */
  onServerClose(listener: ServerCloseListener): void {
    if (this.#open) this.#closeListeners.push(listener);
  }

  /** `listener` hears each contact status change (event 103) until the session closes. */
  onPresence(listener: (change: PresenceChange) => void): void {
    if (this.#open) this.#presenceListeners.push(listener);
  }

  data(bytes: Uint8Array): void {
    if (!this.#open) return;
    try {
      this.#decoder.push(bytes, this.receive);
    } catch (error) {
      if (!(error instanceof GroupWiseProtocolError)) throw error;
      this.#serverClosed('protocol-error');
    }
  }

  closed(): void {
    this.#serverClosed('connection-lost');
  }

  /** A reply or event on the session's connection (the login attempt hands over any after its reply). */
  readonly receive = (reply: GroupWiseReply, bytes: number): void => {
    if (!this.#open) return;
    const trace = this.#ctx.trace;
    if (reply.kind === 'response') {
      trace?.({ pin: this.#pin, direction: 'reply', action: 'received', bytes, sealed: true, message: 'reply' });
      return;
    }
    trace?.({
      pin: this.#pin,
      direction: 'reply',
      action: 'received',
      bytes,
      sealed: true,
      message: `event-${reply.type}`,
    });
    if (reply.type === EventType.userDisconnect) return this.#serverClosed('user-disconnect', reply.type);
    if (reply.type === EventType.serverDisconnect) return this.#serverClosed('server-disconnect', reply.type);
    trace?.({ pin: this.#pin, direction: 'reply', action: 'presence', outcome: statusName(reply.status) });
    for (const listener of this.#presenceListeners) listener({ source: reply.source, status: reply.status });
  };

  #armKeepalive(): void {
    this.#cancelKeepalive = this.#ctx.clock.timer(this.keepaliveMs, () => {
      this.#cancelKeepalive = undefined;
      if (!this.ping()) return;
      this.#armKeepalive();
    });
  }

  #shut(): void {
    this.#open = false;
    this.#cancelKeepalive?.();
    this.#cancelKeepalive = undefined;
    this.#presenceListeners = [];
  }

  #serverClosed(reason: ServerCloseReason, eventType?: number): void {
    if (!this.#open) return;
    this.#shut();
    this.#link.close();
    this.#ctx.trace?.({ pin: this.#pin, direction: 'reply', action: 'server-closed', outcome: reason });
    const listeners = this.#closeListeners;
    this.#closeListeners = [];
    for (const listener of listeners) listener(reason, eventType);
  }

  #send(request: GroupWiseRequest, outcome: string): void {
    const bytes = encodeRequest(request);
    this.#link.write(bytes);
    this.#ctx.trace?.({
      pin: this.#pin,
      direction: 'request',
      action: outcome === 'keepalive' ? 'keepalive' : 'sent',
      bytes: bytes.length,
      sealed: true,
      message: request.command,
      outcome,
    });
  }
}
