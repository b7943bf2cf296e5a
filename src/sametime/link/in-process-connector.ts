import type { Clock } from '../../time/clock.js';
import { checkCount, SametimeConnectionError } from '../errors.js';
import { createLinkPair } from './in-process-link.js';
import type { ConnectRequest, LinkCapture, SametimeConnector, SametimeLink } from './sametime-link.js';

/** What listens behind an in-process connector: takes the server end of each new connection. */
export interface LinkAcceptor {
  /** Takes `link`, or throws `SametimeConnectionError('refused')` to refuse the connection. */
  accept(link: SametimeLink, host: string, port: number): void;
}

/** What an `InProcessConnector` connects to, and how its links deliver. */
export interface InProcessConnectorOptions {
  /** Takes the server end of each new connection (a `SametimeServer`). */
  readonly acceptor: LinkAcceptor;
  /** The clock delivery delays run on. */
  readonly clock: Clock;
  /** One-way delivery time; connecting takes one such trip. 0 (default): microtasks only. */
  readonly latencyMs?: number;
  /** Sees every byte written on every link this connector opens. */
  readonly capture?: LinkCapture;
  /** Names each new link. Default `host:port#n`, counted by this connector. */
  readonly linkId?: (host: string, port: number) => string;
}

/**
 * A `SametimeConnector` that connects in-process to an acceptor (the simulated server). A TCP
 * connector would implement the same interface with sockets.
 */
export class InProcessConnector implements SametimeConnector {
  readonly #options: InProcessConnectorOptions;
  #links = 0;

  constructor(options: InProcessConnectorOptions) {
    checkCount('latencyMs', options.latencyMs ?? 0, 0);
    this.#options = options;
  }

  /**
   * Opens a link to the acceptor; rejects with `SametimeConnectionError` when it refuses, or `aborted` when
   * the request is cancelled.
   */
  connect(host: string, port: number, request?: ConnectRequest): Promise<SametimeLink> {
    // With no latency a connect waits on nothing, so nothing can cancel it: no AbortController
    // is made (one costs microseconds, a tenth of a login), and no async function's machinery either.
    if ((this.#options.latencyMs ?? 0) > 0) return this.#connectLater(host, port, request);
    try {
      return Promise.resolve(this.#open(host, port, request));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** With latency the connect sleeps one trip on the clock first, and the request may call it off meanwhile. */
  async #connectLater(host: string, port: number, request: ConnectRequest | undefined): Promise<SametimeLink> {
    const { clock, latencyMs = 0 } = this.#options;
    const controller = new AbortController();
    request?.onCancel(() => controller.abort(aborted(host, port)));
    try {
      await clock.sleep(latencyMs, controller.signal);
    } catch {
      throw aborted(host, port);
    }
    return this.#open(host, port, request);
  }

  /** Makes the link pair and hands the acceptor its server end; throws what the acceptor throws. */
  #open(host: string, port: number, request: ConnectRequest | undefined): SametimeLink {
    const { acceptor, clock, latencyMs = 0, capture } = this.#options;
    const id = this.#options.linkId?.(host, port) ?? `${host}:${port}#${++this.#links}`;
    const pin = request?.pin;
    const pair = createLinkPair(
      capture === undefined ? { id, clock, latencyMs, pin } : { id, clock, latencyMs, pin, capture },
    );
    try {
      acceptor.accept(pair.server, host, port);
    } catch (error) {
      pair.server.close();
      pair.client.close();
      throw error;
    }
    return pair.client;
  }
}

function aborted(host: string, port: number): SametimeConnectionError {
  return new SametimeConnectionError('aborted', `the connect to ${host}:${port} was abandoned`);
}
