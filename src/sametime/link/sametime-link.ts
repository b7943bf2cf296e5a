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
  /** The device PIN the connection is for, when the connector was told (traces only). */
  readonly pin?: string | undefined;
  /** False once either end has closed. */
  readonly open: boolean;
  /** Queues `bytes` for the peer. The link takes them over: do not change them afterwards. */
  write(bytes: Uint8Array): void;
  /** Closes both directions; bytes already written still reach the peer first. Idempotent. */
  close(): void;
  /** Sets the one listener; bytes that arrived before it was set are handed to it now. */
  listen(listener: LinkListener): void;
}

/** One connect in progress, as the connector sees it: whom it is for, and how to call it off. */
export interface ConnectRequest {
  /** The device PIN the connection is for, for traces at the server end. */
  readonly pin?: string;
  /**
   * Registers what undoes the connect, for when the login gives up before the connect completes
   * (a timeout, an abort). Called at most once; a connector that cannot be waiting need not call it.
   */
  onCancel(cancel: () => void): void;
}

/**
 * Opens links to a Sametime server at host:port. Rejects with `SametimeConnectionError`: `refused`
 * when nothing accepts there, `unreachable` when the host cannot be reached (or not in time),
 * `aborted` when the request is cancelled first.
 */
export interface SametimeConnector {
  /** Opens a link to the Sametime server at `host`:`port`. */
  connect(host: string, port: number, request?: ConnectRequest): Promise<SametimeLink>;
}

/** Which way bytes cross the link. */
export type LinkDirection = 'to-server' | 'to-client';

/** An address and port one end of a TCP connection uses. */
export interface Endpoint {
  /** The IP address. */
  readonly address: string;
  /** The TCP port. */
  readonly port: number;
}

/** Both ends of a link that runs over real TCP, for a capture that writes real headers. */
export interface LinkEndpoints {
  /** The BES's end. */
  readonly client: Endpoint;
  /** The Sametime server's end. */
  readonly server: Endpoint;
}

/**
 * Sees every byte written on a link, as written (frames and keepalive bytes), in the order they
 * cross it. Must not change them. A TCP link passes its real `endpoints`; an in-process link none.
 */
export type LinkCapture = (
  direction: LinkDirection,
  bytes: Uint8Array,
  linkId: string,
  endpoints?: LinkEndpoints,
) => void;
