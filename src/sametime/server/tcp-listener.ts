import { createServer, type Server, type Socket } from 'node:net';
import type { Clock } from '../../time/clock.js';
import { checkCount, MAX_PORT } from '../errors.js';
import type { LinkCapture, SametimeLink } from '../link/sametime-link.js';
import { TcpLink } from '../link/tcp-link.js';
import { ReasonCode } from '../wire/reason-code.js';

/** Where and how `SametimeServer.listen` accepts TCP connections. */
export interface SametimeListenOptions {
  /** The address to listen on. Default 127.0.0.1: loopback only. */
  readonly host?: string;
  /** Default the server's port (1533); 0 for any free port (see `SametimeListener.port`). */
  readonly port?: number;
  /** Sees every byte of every connection both ways, with the connection's real endpoints. */
  readonly capture?: LinkCapture;
  /** A client that has not logged in this long after connecting is dropped. Default 30,000 ms. */
  readonly loginTimeoutMs?: number;
  /** How long a closed connection waits for the client's FIN before destroying its socket. Default 2,000 ms. */
  readonly lingerMs?: number;
  /** Bytes a connection lets queue for a client that does not read. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
  /** Sockets open at once at most; more are refused by the listener. Default 10,000. */
  readonly maxConnections?: number;
}

/** What the listener needs of its server. */
interface ServedBy {
  serve(link: SametimeLink, options: { readonly loginTimeoutMs?: number }): string;
  closeConnection(connectionId: string, reason: number): boolean;
}

/** A simulated Sametime server listening on a TCP port. */
export class SametimeListener {
  /** The address it listens on. */
  readonly host: string;
  /** The port it listens on (the one the system chose when asked for port 0). */
  readonly port: number;
  readonly #net: Server;
  readonly #server: ServedBy;
  readonly #connections = new Map<Socket, string | undefined>();
  #closing: Promise<void> | undefined;
  /** Set while closing: resolves `close()` once the listener and every socket are gone. */
  #drained: (() => void) | undefined;
  #netClosed = false;

  /** @internal Made by `SametimeServer.listen`. */
  constructor(net: Server, server: ServedBy, host: string, port: number) {
    this.#net = net;
    this.#server = server;
    this.host = host;
    this.port = port;
  }

  /** Sockets open: logins in progress, sessions, and closed connections still lingering. */
  get connections(): number {
    return this.#connections.size;
  }

  /** @internal The listener's accept path. */
  track(socket: Socket, connectionId: string | undefined): void {
    this.#connections.set(socket, connectionId);
    socket.once('close', () => {
      this.#connections.delete(socket);
      this.#checkDrained();
    });
  }

  /**
   * Stops accepting, closes every connection it accepted with CHANNEL_DESTROY (`reason`, default
   * success) and resolves once every socket is gone (a client that does not close its end is
   * destroyed after the linger time). Idempotent.
   */
  close(reason: number = ReasonCode.success): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#drained = resolve;
      this.#net.close(() => {
        this.#netClosed = true;
        this.#checkDrained();
      });
      for (const id of [...this.#connections.values()]) if (id !== undefined) this.#server.closeConnection(id, reason);
    });
    return this.#closing;
  }

  #checkDrained(): void {
    if (this.#netClosed && this.#connections.size === 0) this.#drained?.();
  }
}

/** Starts the TCP listener of `server` (`SametimeServer.listen`). */
export function listenOnTcp(server: ServedBy, clock: Clock, options: SametimeListenOptions): Promise<SametimeListener> {
  const host = options.host ?? '127.0.0.1';
  const port = checkCount('port', options.port ?? 1533, 0, false, MAX_PORT);
  const loginTimeoutMs = checkCount('loginTimeoutMs', options.loginTimeoutMs ?? 30_000, 1, true);
  const linkOptions = {
    clock,
    ...(options.capture === undefined ? {} : { capture: options.capture }),
    ...(options.lingerMs === undefined ? {} : { lingerMs: checkCount('lingerMs', options.lingerMs, 0) }),
    ...(options.maxBufferedBytes === undefined
      ? {}
      : { maxBufferedBytes: checkCount('maxBufferedBytes', options.maxBufferedBytes, 1) }),
  };
  let listener: SametimeListener | undefined;
  const net = createServer((socket) => {
    socket.on('error', () => {}); // a reset before the link takes the socket over
    const link = new TcpLink({ socket, sends: 'to-client', ...linkOptions });
    let id: string | undefined;
    try {
      id = server.serve(link, { loginTimeoutMs });
    } catch {
      socket.destroy(); // the `refuse` fault: the client sees the connection reset
    }
    listener!.track(socket, id);
  });
  net.maxConnections = checkCount('maxConnections', options.maxConnections ?? 10_000, 1);
  return new Promise((resolve, reject) => {
    net.once('error', reject);
    net.listen(port, host, () => {
      net.off('error', reject);
      // An accept that fails (no file descriptors left) loses that connection; the listener goes on.
      net.on('error', () => {});
      const address = net.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      listener = new SametimeListener(net, server, host, bound);
      resolve(listener);
    });
  });
}
