import type { Socket } from 'node:net';
import { createServer, type Server, type TlsOptions } from 'node:tls';
import { MAX_PORT, checkCount } from '../../sametime/errors.js';
import type { LinkCapture, SametimeLink } from '../../sametime/link/sametime-link.js';
import { TcpLink } from '../../sametime/link/tcp-link.js';
import type { Clock } from '../../time/clock.js';
import { GROUPWISE_PORT } from '../wire/tags.js';

/** Where and with which key and certificate `GroupWiseServer.listenTls` listens. */
export interface GroupWiseTlsListenOptions {
  /** The server's private key (PEM). */
  readonly key: string | Buffer;
  /** The server's certificate chain (PEM). */
  readonly cert: string | Buffer;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 8300; 0 for any free port. */
  readonly port?: number;
  /** A client that has not logged in this long after its handshake is dropped. Default 30,000 ms. */
  readonly loginTimeoutMs?: number;
  /** Sees the bytes inside TLS of every connection, both ways. */
  readonly capture?: LinkCapture;
}

interface ServedBy {
  serve(link: SametimeLink, options: { readonly loginTimeoutMs?: number }): string;
  closeConnection(connectionId: string): boolean;
}

/** A simulated GroupWise Messenger server listening for TLS connections. */
export class GroupWiseTlsListener {
  /** The address it listens on. */
  readonly host: string;
  /** The port it listens on (the one the system chose when asked for port 0). */
  readonly port: number;
  readonly #tls: Server;
  readonly #server: ServedBy;
  readonly #connections = new Map<Socket, string>();
  #closing: Promise<void> | undefined;

  /** @internal Made by `GroupWiseServer.listenTls`. */
  constructor(tls: Server, server: ServedBy, host: string, port: number) {
    this.#tls = tls;
    this.#server = server;
    this.host = host;
    this.port = port;
  }

  /** Sockets open. */
  get connections(): number {
    return this.#connections.size;
  }

  /** @internal */
  track(socket: Socket, connectionId: string): void {
    this.#connections.set(socket, connectionId);
    socket.once('close', () => this.#connections.delete(socket));
  }

  /** Stops accepting, ends every connection (event 115 to each session) and resolves once every socket is gone. */
  close(): Promise<void> {
    this.#closing ??= new Promise<void>((resolve) => {
      this.#tls.close(() => resolve());
      for (const id of [...this.#connections.values()]) this.#server.closeConnection(id);
    });
    return this.#closing;
  }
}

/** Starts the TLS listener of `server` (`GroupWiseServer.listenTls`). */
export function listenOnTls(
  server: ServedBy,
  clock: Clock,
  options: GroupWiseTlsListenOptions,
): Promise<GroupWiseTlsListener> {
  const host = options.host ?? '127.0.0.1';
  const port = checkCount('port', options.port ?? GROUPWISE_PORT, 0, false, MAX_PORT);
  const loginTimeoutMs = checkCount('loginTimeoutMs', options.loginTimeoutMs ?? 30_000, 1, true);
  const { capture } = options;
  let listener: GroupWiseTlsListener | undefined;
  const tlsOptions: TlsOptions = { key: options.key, cert: options.cert };
  const tls = createServer(tlsOptions, (socket) => {
    socket.on('error', () => {});
    const link = new TcpLink({ socket, sends: 'to-client', clock, ...(capture === undefined ? {} : { capture }) });
    listener!.track(socket, server.serve(link, { loginTimeoutMs }));
  });
  // A client whose handshake fails (it does not trust the certificate) costs nothing but its socket.
  tls.on('tlsClientError', () => {});
  return new Promise((resolve, reject) => {
    tls.once('error', reject);
    tls.listen(port, host, () => {
      tls.off('error', reject);
      tls.on('error', () => {});
      const address = tls.address();
      const bound = typeof address === 'object' && address !== null ? address.port : port;
      listener = new GroupWiseTlsListener(tls, server, host, bound);
      resolve(listener);
    });
  });
}
