import type { ImCloseReason, ImPresence } from '../../pipeline/im-request.js';
import { SametimeSessionClosedError } from '../errors.js';
import type { LinkListener, SametimeLink } from '../link/sametime-link.js';
import { frameCopy } from '../../crypto/frame-slab.js';
import { encodeFrame, encodeKeepalive } from '../wire/frame.js';
import type { FrameDecoder } from '../wire/frame-decoder.js';
import { MASTER_CHANNEL } from '../wire/header.js';
import { messageName, type SametimeMessage } from '../wire/message.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { ReasonCode, reasonName } from '../wire/reason-code.js';
import type { AdapterContext } from './adapter-context.js';
import { PRESENCE_STATUS } from './presence.js';
import { serverMessageOf, type ServerMessageListener } from './server-message.js';

const EMPTY = new Uint8Array(0);
/** What `close` and `sendStatus` answer: settled once and for all, nothing to wait for. */
const DONE: Promise<void> = Promise.resolve();
/** The CHANNEL_DESTROY every close from the BES's side sends: reason success, no data. */
const LOGOUT: SametimeMessage = Object.freeze({
  type: 'CHANNEL_DESTROY',
  channel: MASTER_CHANNEL,
  reason: ReasonCode.success,
  data: EMPTY,
});
/** LOGOUT's frame, encoded on the first close: every close writes a copy of the same bytes. */
let logoutFrame: Uint8Array | undefined;

/** Told when the Sametime server closes the session, with the reason code of its CHANNEL_DESTROY. */
export type ServerCloseListener = (reasonCode: number) => void;

/**
 * An open Sametime session: the dedicated connection the server started for one user's login.
 * Relays status, sends keepalives, and closes from either side (CHANNEL_DESTROY on channel 0).
 */
export class SametimeSession implements LinkListener {
  /** The server's id for the dedicated connection (LOGIN_ACK's login id). */
  readonly connectionId: string;
  /** The user the session is logged in as. */
  readonly userId: string;
  readonly #ctx: AdapterContext;
  readonly #link: SametimeLink;
  readonly #decoder: FrameDecoder;
  readonly #pin: string;
  #open = true;
  /** The reason the server closed the session with, once it has. */
  #serverReason: number | undefined;
  /** Listeners of the session's user, made on the first one: the adapter hears through its context. */
  #listeners: ServerCloseListener[] | undefined;
  #messageListeners: ServerMessageListener[] | undefined;

  /** @internal Made by the adapter when LOGIN_ACK opens the session. */
  constructor(
    ctx: AdapterContext,
    link: SametimeLink,
    decoder: FrameDecoder,
    ids: { connectionId: string; userId: string; pin: string },
  ) {
    this.#ctx = ctx;
    this.#link = link;
    this.#decoder = decoder;
    this.connectionId = ids.connectionId;
    this.userId = ids.userId;
    this.#pin = ids.pin;
  }

  /** Whether the session is still open: neither side has closed it. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * Sends the device's availability as SET_USER_STATUS (mobile flag set); rejects with
   * `SametimeSessionClosedError` once closed.
   */
  sendStatus(status: ImPresence): Promise<void> {
    if (!this.#open) return Promise.reject(new SametimeSessionClosedError(this.connectionId));
    this.#send(
      {
        type: 'SET_USER_STATUS',
        channel: MASTER_CHANNEL,
        status: PRESENCE_STATUS[status],
        time: Math.floor(this.#ctx.clock.now() / 1000) >>> 0,
        description: '',
      },
      status,
    );
    return DONE;
  }

  /** Sends the keepalive byte 0x80. Does nothing once the session is closed. */
  sendKeepalive(): void {
    if (!this.#open) return;
    this.#link.write(encodeKeepalive());
    this.#ctx.trace?.({ pin: this.#pin, direction: 'request', action: 'keepalive', bytes: 1 });
  }

  /**
   * Closes the session from the BES's side with CHANNEL_DESTROY (reason success) and closes its connection.
   * Idempotent.
   */
  close(reason: ImCloseReason): Promise<void> {
    if (this.#open) {
      logoutFrame ??= encodeFrame(LOGOUT);
      this.#write(frameCopy(logoutFrame), LOGOUT, reason);
      this.#open = false;
      this.#listeners = undefined;
      this.#messageListeners = undefined;
      this.#link.close();
      this.#ctx.trace?.({ pin: this.#pin, direction: 'request', action: 'closed', outcome: reason });
      this.#ctx.closedByBes(this);
    }
    return DONE;
  }

  /** `listener` runs once when the server closes the session; at once if it already has. */
  onServerClose(listener: ServerCloseListener): void {
    if (this.#serverReason !== undefined) return listener(this.#serverReason);
    if (!this.#open) return;
    if (this.#listeners === undefined) this.#listeners = [listener];
    else this.#listeners.push(listener);
  }

  /**
   * `listener` hears every ADMIN broadcast and ANNOUNCE the server sends on this session, in order,
   * until the session closes. Such a message is a session event, never a close.
   */
  onServerMessage(listener: ServerMessageListener): void {
    if (!this.#open) return;
    if (this.#messageListeners === undefined) this.#messageListeners = [listener];
    else this.#messageListeners.push(listener);
  }

  data(bytes: Uint8Array): void {
    if (!this.#open) return;
    try {
      this.#decoder.push(bytes, this.receive);
    } catch (error) {
      if (!(error instanceof SametimeProtocolError)) throw error;
      this.protocolError();
    }
  }

  /** The server sent bytes that are not Sametime: the session is over, reported as a general failure. */
  protocolError(): void {
    this.#serverClosed(ReasonCode.generalFailure);
  }

  /** The connection dropped without a CHANNEL_DESTROY: reported as "server not responding". */
  closed(): void {
    this.#serverClosed(ReasonCode.serverNotResponding);
  }

  /** A message on the session's connection (the login attempt hands over any that follow LOGIN_ACK). */
  readonly receive = (m: SametimeMessage, frameBytes: number): void => {
    if (!this.#open) return;
    this.#ctx.trace?.({
      pin: this.#pin,
      direction: 'reply',
      action: 'received',
      bytes: frameBytes,
      message: messageName(m),
    });
    if (m.type === 'CHANNEL_DESTROY' && m.channel === MASTER_CHANNEL) return this.#serverClosed(m.reason);
    const message = serverMessageOf(m);
    if (message !== undefined) {
      this.#ctx.trace?.({
        pin: this.#pin,
        direction: 'reply',
        action: 'server-message',
        message: messageName(m),
        outcome: message.kind,
      });
      // The listeners as they stand now, even if the adapter's report closes the session.
      const listeners = this.#messageListeners;
      this.#ctx.serverMessage(this, this.#pin, message);
      if (listeners !== undefined) for (const listener of listeners) listener(message);
    } else if (m.type === 'unknown') {
      this.#ctx.trace?.({
        pin: this.#pin,
        direction: 'reply',
        action: 'skipped',
        message: 'unknown',
        outcome: `0x${m.code.toString(16).padStart(4, '0')}`,
      });
    }
    // Anything else (SENSE_SERVICE, channels of services this model does not run) needs no answer.
  };

  #serverClosed(reason: number): void {
    if (!this.#open) return;
    this.#open = false;
    this.#serverReason = reason;
    this.#link.close();
    this.#ctx.trace?.({
      pin: this.#pin,
      direction: 'reply',
      action: 'server-closed',
      outcome: reasonName(reason) ?? 'unknown-reason',
    });
    const listeners = this.#listeners;
    this.#listeners = undefined;
    this.#messageListeners = undefined;
    this.#ctx.closedByServer(this, this.#pin, reason);
    if (listeners !== undefined) for (const listener of listeners) listener(reason);
  }

  #send(m: SametimeMessage, outcome: string): void {
    this.#write(encodeFrame(m), m, outcome);
  }

  /** Writes the frame of `m` and traces it. */
  #write(frame: Uint8Array, m: SametimeMessage, outcome: string): void {
    this.#link.write(frame);
    this.#ctx.trace?.({
      pin: this.#pin,
      direction: 'request',
      action: 'sent',
      bytes: frame.length,
      sealed: false,
      message: messageName(m),
      outcome,
    });
  }
}
