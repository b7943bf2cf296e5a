/**
 * What receives a link's traffic. A link has at most one listener; `listen` replaces it, which is
 * how a login attempt hands its connection over to the session it opened.
 */
export interface LinkListener {
  /** Bytes from the peer, in order, in chunks of any size. The listener owns them. */
  data(bytes: Uint8Array): void;
  /** The peer closed the connection (or it failed). Not called for this end's own `close()`. */
  closed(): void;
}

/**
 * One end of a byte connection to or from a Sametime server: a TCP socket in the real product, an
 * in-process pair here. Writes are queued and delivered in order; a write after `close()` is dropped.
 */
export interface SametimeLink {
  /** A name for the connection, for captures and traces. */
  readonly id: string;
  /** False once either end has closed. */
  readonly open: boolean;
  /** Queues `bytes` for the peer. The link takes them over: do not change them afterwards. */
  write(bytes: Uint8Array): void;
  /** Closes both directions; bytes already written still reach the peer first. Idempotent. */
  close(): void;
  /** Sets the one listener; bytes that arrived before it was set are handed to it now. */
  listen(listener: LinkListener): void;
}

/**
 * Opens links to a Sametime server at host:port. Rejects with `SametimeConnectionError`: `refused`
 * when nothing accepts there, `unreachable` when the host cannot be reached (or not in time),
 * `aborted` when `signal` aborts first.
 */
export interface SametimeConnector {
  connect(host: string, port: number, signal?: AbortSignal): Promise<SametimeLink>;
  /**
   * True when `connect` settles within promise callbacks, never waiting on a clock or on I/O: no
   * timeout can fire while it runs, so a caller need not make an AbortSignal to cancel it (making
   * one costs microseconds). Default false.
   */
  readonly settlesAtOnce?: boolean;
}

/** Which way bytes cross the link. */
export type LinkDirection = 'to-server' | 'to-client';

/** An address and port one end of a TCP connection uses. */
export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

/** Both ends of a link that runs over real TCP, for a capture that writes real headers. */
export interface LinkEndpoints {
  readonly client: Endpoint;
  readonly server: Endpoint;
}

/**
 * Sees every byte written on a link, as written (frames and keepalive bytes), in the order they
 * cross it. Must not change them. A TCP link passes its real `endpoints`; an in-process link none.
 */
export type LinkCapture = (direction: LinkDirection, bytes: Uint8Array, linkId: string, endpoints?: LinkEndpoints) => void;
