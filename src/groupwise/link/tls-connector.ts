import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { checkCount, SametimeConnectionError } from '../../sametime/errors.js';
import type { ConnectRequest, LinkCapture, SametimeLink } from '../../sametime/link/sametime-link.js';
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

/** Connect errors that mean nothing listens there. */
const REFUSED = new Set(['ECONNREFUSED']);

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
    return new Promise((resolve, reject) => {
      const tlsOptions: ConnectionOptions = {
        host,
        port,
        servername: servername ?? host,
        rejectUnauthorized: true,
        ...(ca === undefined ? {} : { ca: ca as ConnectionOptions['ca'] }),
      };
      const socket = tlsConnect(tlsOptions);
      let settled = false;
      let cancelTimer: (() => void) | undefined;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        cancelTimer?.();
        socket.off('secureConnect', onConnect);
        socket.off('error', onError);
        return true;
      };
      const fail = (error: SametimeConnectionError): void => {
        if (!finish()) return;
        socket.destroy();
        reject(error);
      };
      const onConnect = (): void => {
        if (!finish()) return;
        resolve(
          new TcpLink({
            socket,
            sends: 'to-server',
            clock: this.#clock,
            ...(request?.pin === undefined ? {} : { pin: request.pin }),
            ...(capture === undefined ? {} : { capture }),
          }),
        );
      };
      const onError = (error: NodeJS.ErrnoException): void => {
        const code = error.code ?? 'error';
        fail(
          new SametimeConnectionError(
            REFUSED.has(code) ? 'refused' : 'unreachable',
            `the TLS connection to ${host}:${port} failed: ${code}`,
          ),
        );
      };
      socket.once('secureConnect', onConnect);
      socket.once('error', onError);
      request?.onCancel(() =>
        fail(new SametimeConnectionError('aborted', `the connect to ${host}:${port} was abandoned`)),
      );
      if (this.#connectTimeoutMs !== Number.POSITIVE_INFINITY) {
        const ms = this.#connectTimeoutMs;
        cancelTimer = this.#clock.timer(ms, () =>
          fail(new SametimeConnectionError('unreachable', `no TLS connection to ${host}:${port} within ${ms} ms`)),
        );
      }
    });
  }
}
