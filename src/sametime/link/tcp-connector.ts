import { connect as netConnect } from 'node:net';
import type { Clock } from '../../time/clock.js';
import { SystemClock } from '../../time/system-clock.js';
import { checkCount } from '../errors.js';
import type { ConnectRequest, LinkCapture, SametimeConnector, SametimeLink } from './sametime-link.js';
import { settleSocketConnect } from './socket-connect.js';
import { TcpLink } from './tcp-link.js';

/** How a `TcpConnector` times out and captures its connections. */
export interface TcpConnectorOptions {
  /** For the connect timeout and each link's linger. Default: a `SystemClock`; real sockets run on real time. */
  readonly clock?: Clock;
  /** Sees every byte each link writes and receives, with the connection's real endpoints. */
  readonly capture?: LinkCapture;
  /** How long a connect may take before it fails as `unreachable`. Default 10,000 ms. */
  readonly connectTimeoutMs?: number;
  /** How long a closed link waits for the server's FIN before destroying its socket. Default 2,000 ms. */
  readonly lingerMs?: number;
  /** Bytes a link lets queue for a server that does not read. Default 1 MiB. */
  readonly maxBufferedBytes?: number;
}

/**
 * A `SametimeConnector` over real TCP (node:net): one connection per session, to a real Sametime
 * server or to `SametimeServer.listen`. Give the adapter a `SystemClock` too, so its login timeout
 * runs on the same time as the sockets.
 */
export class TcpConnector implements SametimeConnector {
  readonly #clock: Clock;
  readonly #capture: LinkCapture | undefined;
  readonly #connectTimeoutMs: number;
  readonly #lingerMs: number | undefined;
  readonly #maxBufferedBytes: number | undefined;

  constructor(options: TcpConnectorOptions = {}) {
    this.#clock = options.clock ?? new SystemClock();
    this.#capture = options.capture;
    this.#connectTimeoutMs = checkCount('connectTimeoutMs', options.connectTimeoutMs ?? 10_000, 1, true);
    this.#lingerMs = options.lingerMs === undefined ? undefined : checkCount('lingerMs', options.lingerMs, 0);
    this.#maxBufferedBytes =
      options.maxBufferedBytes === undefined ? undefined : checkCount('maxBufferedBytes', options.maxBufferedBytes, 1);
  }

  /**
   * Opens a TCP connection to host:port. The login's `request` may call it off while it connects
   * (a timeout, an abort): the socket is destroyed then and the promise rejects as `aborted`.
   */
  connect(host: string, port: number, request?: ConnectRequest): Promise<SametimeLink> {
    return settleSocketConnect({
      socket: netConnect({ host, port }),
      readyEvent: 'connect',
      host,
      port,
      what: 'connect',
      clock: this.#clock,
      connectTimeoutMs: this.#connectTimeoutMs,
      request,
      link: (socket) =>
        new TcpLink({
          socket,
          sends: 'to-server',
          clock: this.#clock,
          ...(request?.pin === undefined ? {} : { pin: request.pin }),
          ...(this.#capture === undefined ? {} : { capture: this.#capture }),
          ...(this.#lingerMs === undefined ? {} : { lingerMs: this.#lingerMs }),
          ...(this.#maxBufferedBytes === undefined ? {} : { maxBufferedBytes: this.#maxBufferedBytes }),
        }),
    });
  }
}
