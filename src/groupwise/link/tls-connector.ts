import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { checkCount } from '../../sametime/errors.js';
import type { ConnectRequest, LinkCapture, SametimeLink } from '../../sametime/link/sametime-link.js';
import { settleSocketConnect } from '../../sametime/link/socket-connect.js';
import { TcpLink } from '../../sametime/link/tcp-link.js';
import type { Clock } from '../../time/clock.js';
import { SystemClock } from '../../time/system-clock.js';
import type { GroupWiseConnector } from './groupwise-connector.js';

/** How a `TlsConnector` connects and what it trusts. */
export interface TlsConnectorOptions {
  /** For the connect timeout and each link's linger. Default a `SystemClock`. */
  readonly clock?: Clock;
  /** The certificates to trust (PEM), for a server whose certificate no public authority signed. Default: the system's. */
  readonly ca?: string | Buffer | readonly (string | Buffer)[];
  /** The name the server's certificate must carry. Default: the host connected to. */
  readonly servername?: string;
  /** How long a connect and TLS handshake may take before the login fails as `unreachable`. Default 10,000 ms. */
  readonly connectTimeoutMs?: number;
  /** Sees the bytes inside TLS, both ways. */
  readonly capture?: LinkCapture;
}

/**
 * The SSL proxy connection over the network: TLS from the first byte (node:tls; no STARTTLS), one
 * connection per session. The server's certificate is checked against `ca` (or the system's
 * authorities) and the host name: a certificate that does not verify fails the login as `unreachable`.
 */
export class TlsConnector implements GroupWiseConnector {
  readonly security = 'tls';
  readonly #clock: Clock;
  readonly #options: TlsConnectorOptions;
  readonly #connectTimeoutMs: number;

  constructor(options: TlsConnectorOptions = {}) {
    this.#clock = options.clock ?? new SystemClock();
    this.#options = options;
    this.#connectTimeoutMs = checkCount('connectTimeoutMs', options.connectTimeoutMs ?? 10_000, 1, true);
  }

  connect(host: string, port: number, request?: ConnectRequest): Promise<SametimeLink> {
    const { ca, servername, capture } = this.#options;
    const tlsOptions: ConnectionOptions = {
      host,
      port,
      servername: servername ?? host,
      rejectUnauthorized: true,
      ...(ca === undefined ? {} : { ca: ca as ConnectionOptions['ca'] }),
    };
    return settleSocketConnect({
      socket: tlsConnect(tlsOptions),
      readyEvent: 'secureConnect',
      host,
      port,
      what: 'TLS connection',
      clock: this.#clock,
      connectTimeoutMs: this.#connectTimeoutMs,
      request,
      link: (socket) =>
        new TcpLink({
          socket,
          sends: 'to-server',
          clock: this.#clock,
          ...(request?.pin === undefined ? {} : { pin: request.pin }),
          ...(capture === undefined ? {} : { capture }),
        }),
    });
  }
}
