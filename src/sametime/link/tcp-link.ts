import type { Socket } from 'node:net';
import type { Clock } from '../../time/clock.js';
import { checkCount } from '../errors.js';
import type { LinkCapture, LinkDirection, LinkEndpoints, LinkListener, SametimeLink } from './sametime-link.js';

/** How long a closed link waits for the peer's FIN before it destroys the socket. */
export const DEFAULT_LINGER_MS = 2_000;
/** Bytes a link lets queue for a peer that does not read before it gives the connection up. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

/** One end of a TCP connection, and how it behaves when the peer does not. */
export interface TcpLinkOptions {
  /** The connected socket. */
  readonly socket: Socket;
  /** Which way this end's writes go: `to-server` at the client, `to-client` at the server. */
  readonly sends: LinkDirection;
  /** The clock the linger time runs on. */
  readonly clock: Clock;
  /** The device PIN the connection is for, when the connector was told (traces only). */
  readonly pin?: string;
  /** Sees the bytes this end writes and the bytes it receives, with the connection's endpoints. */
  readonly capture?: LinkCapture;
  /** How long a closed link waits for the peer's FIN before destroying its socket. Default `DEFAULT_LINGER_MS`. */
  readonly lingerMs?: number;
  /**
   * Bytes it lets queue for a peer that does not read before it gives the connection up. Default
   * `DEFAULT_MAX_BUFFERED_BYTES`.
   */
  readonly maxBufferedBytes?: number;
}

/**
 * One end of a Sametime connection over a real TCP socket. The peer resetting the connection,
 * half-closing it (FIN), or not reading what this end writes (more than `maxBufferedBytes`
 * queued) all end it as `closed()` for the listener. `close()` flushes what was written, sends
 * FIN, and destroys the socket when the peer has not closed within `lingerMs`: no socket outlives
 * its link for long, whatever the peer does.
 */
export class TcpLink implements SametimeLink {
  /** Both ends' addresses, `client:port->server:port`: the same string at both ends of the connection. */
  readonly id: string;
  readonly pin: string | undefined;
  /** The socket's local and remote addresses and ports, as a capture writes them. */
  readonly endpoints: LinkEndpoints;
  readonly #socket: Socket;
  readonly #sends: LinkDirection;
  readonly #receives: LinkDirection;
  readonly #clock: Clock;
  readonly #capture: LinkCapture | undefined;
  readonly #lingerMs: number;
  readonly #maxBuffered: number;
  #listener: LinkListener | undefined;
  #early: Uint8Array[] | undefined;
  /** This end called close(). */
  #closed = false;
  /** The peer closed, reset, or the connection failed. */
  #peerGone = false;
  #reported = false;
  #cancelLinger: (() => void) | undefined;

  constructor(options: TcpLinkOptions) {
    const socket = options.socket;
    this.#socket = socket;
    this.pin = options.pin;
    this.#sends = options.sends;
    this.#receives = options.sends === 'to-server' ? 'to-client' : 'to-server';
    this.#clock = options.clock;
    this.#capture = options.capture;
    this.#lingerMs = checkCount('lingerMs', options.lingerMs ?? DEFAULT_LINGER_MS, 0);
    this.#maxBuffered = checkCount('maxBufferedBytes', options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES, 1);
    const local = { address: socket.localAddress ?? '', port: socket.localPort ?? 0 };
    const remote = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
    this.endpoints =
      options.sends === 'to-server' ? { client: local, server: remote } : { client: remote, server: local };
    this.id = `${this.endpoints.client.address}:${this.endpoints.client.port}->${this.endpoints.server.address}:${this.endpoints.server.port}`;
    socket.setNoDelay(true);
    socket.on('data', this.#onData);
    socket.on('end', this.#onGone);
    socket.on('error', this.#onGone);
    socket.on('close', this.#onClose);
  }

  get open(): boolean {
    return !this.#closed && !this.#peerGone;
  }

  write(bytes: Uint8Array): void {
    if (this.#closed || this.#peerGone) return;
    this.#capture?.(this.#sends, bytes, this.id, this.endpoints);
    const socket = this.#socket;
    socket.write(bytes);
    // A peer that does not read: give the connection up rather than queue without bound.
    if (socket.writableLength > this.#maxBuffered) socket.destroy();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listener = undefined;
    this.#early = undefined;
    const socket = this.#socket;
    if (socket.destroyed) return;
    socket.end();
    this.#cancelLinger = this.#clock.timer(this.#lingerMs, () => {
      this.#cancelLinger = undefined;
      socket.destroy();
    });
  }

  listen(listener: LinkListener): void {
    if (this.#closed) return;
    this.#listener = listener;
    const early = this.#early;
    if (early === undefined) return;
    this.#early = undefined;
    for (const bytes of early) listener.data(bytes);
    if (this.#peerGone) this.#report();
  }

  readonly #onData = (chunk: Buffer): void => {
    const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // Captured even after close: what a peer says while this end lingers (its CHANNEL_DESTROY) is traffic too.
    this.#capture?.(this.#receives, bytes, this.id, this.endpoints);
    if (this.#closed) return;
    const listener = this.#listener;
    if (listener !== undefined) listener.data(bytes);
    else if (this.#early === undefined) this.#early = [bytes];
    else this.#early.push(bytes);
  };

  readonly #onGone = (): void => {
    if (this.#peerGone) return;
    this.#peerGone = true;
    if (this.#closed) return;
    if (this.#listener === undefined) this.#early ??= [];
    else this.#report();
  };

  readonly #onClose = (): void => {
    this.#cancelLinger?.();
    this.#cancelLinger = undefined;
    this.#onGone();
  };

  #report(): void {
    if (this.#reported || this.#closed) return;
    this.#reported = true;
    this.#listener?.closed();
  }
}
