import type { Clock } from '../../time/clock.js';
import { microtask } from '../../time/microtask.js';
import { checkCount } from '../errors.js';
import type { LinkCapture, LinkDirection, LinkListener, SametimeLink } from './sametime-link.js';

/** One in-process connection's name, clock, delivery delay and capture. */
export interface LinkPairOptions {
  /** The connection's name, shared by both ends (its link id). */
  readonly id: string;
  /** The device PIN the connection is for (traces only). */
  readonly pin?: string | undefined;
  /** The clock delivery delays run on. */
  readonly clock: Clock;
  /** One-way delivery time on `clock`. 0 (default): delivered as microtasks, no clock sleep. */
  readonly latencyMs?: number;
  /** Sees every byte written on either end. */
  readonly capture?: LinkCapture;
}

/** The two ends of one in-process connection. */
export interface LinkPair {
  /** The end the adapter writes on. */
  readonly client: SametimeLink;
  /** The end the server writes on. */
  readonly server: SametimeLink;
}

/** What both ends share: delivery, and the one AbortController that cancels pending delays once both ends are closed. */
class Wire {
  readonly clock: Clock;
  readonly latencyMs: number;
  readonly capture: LinkCapture | undefined;
  #cancel: AbortController | undefined;

  constructor(options: LinkPairOptions) {
    this.clock = options.clock;
    this.latencyMs = checkCount('latencyMs', options.latencyMs ?? 0, 0);
    this.capture = options.capture;
  }

  deliver(task: () => void): void {
    if (this.latencyMs === 0) {
      microtask(task);
      return;
    }
    this.#cancel ??= new AbortController();
    this.clock.sleep(this.latencyMs, this.#cancel.signal).then(task, ignore);
  }

  /** Both ends are closed: nothing left to deliver matters. */
  release(): void {
    this.#cancel?.abort();
  }
}

function ignore(): void {}

class InProcessEnd implements SametimeLink {
  readonly id: string;
  readonly pin: string | undefined;
  readonly #wire: Wire;
  readonly #sends: LinkDirection;
  peer!: InProcessEnd;
  #listener: LinkListener | undefined;
  #early: Uint8Array[] | undefined;
  #peerClosed = false;
  /** This end called close(). */
  #closed = false;

  constructor(id: string, pin: string | undefined, wire: Wire, sends: LinkDirection) {
    this.id = id;
    this.pin = pin;
    this.#wire = wire;
    this.#sends = sends;
  }

  get open(): boolean {
    return !this.#closed && !this.#peerClosed;
  }

  write(bytes: Uint8Array): void {
    if (this.#closed) return;
    this.#wire.capture?.(this.#sends, bytes, this.id);
    const peer = this.peer;
    this.#wire.deliver(() => peer.#receive(bytes));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#listener = undefined;
    this.#early = undefined;
    if (this.peer.#closed) {
      this.#wire.release();
      return;
    }
    const peer = this.peer;
    this.#wire.deliver(() => peer.#onPeerClose());
  }

  listen(listener: LinkListener): void {
    if (this.#closed) return;
    this.#listener = listener;
    const early = this.#early;
    if (early === undefined) return;
    this.#early = undefined;
    for (const bytes of early) listener.data(bytes);
    if (this.#peerClosed) listener.closed();
  }

  #receive(bytes: Uint8Array): void {
    if (this.#closed) return;
    const listener = this.#listener;
    if (listener === undefined) {
      this.#early ??= [];
      this.#early.push(bytes);
    } else listener.data(bytes);
  }

  #onPeerClose(): void {
    if (this.#closed || this.#peerClosed) return;
    this.#peerClosed = true;
    const listener = this.#listener;
    if (listener === undefined) this.#early ??= [];
    else listener.closed();
  }
}

/** An in-process connection: what one end writes, the other receives, in order, after `latencyMs`. */
export function createLinkPair(options: LinkPairOptions): LinkPair {
  const wire = new Wire(options);
  const client = new InProcessEnd(options.id, options.pin, wire, 'to-server');
  const server = new InProcessEnd(options.id, options.pin, wire, 'to-client');
  client.peer = server;
  server.peer = client;
  return { client, server };
}
