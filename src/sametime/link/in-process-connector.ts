import type { Clock } from '../../time/clock.js';
import { SametimeConnectionError } from '../errors.js';
import { createLinkPair } from './in-process-link.js';
import type { LinkCapture, SametimeConnector, SametimeLink } from './sametime-link.js';

/** What listens behind an in-process connector: takes the server end of each new connection. */
export interface LinkAcceptor {
  /** Takes `link`, or throws `SametimeConnectionError('refused')` to refuse the connection. */
  accept(link: SametimeLink, host: string, port: number): void;
}

export interface InProcessConnectorOptions {
  readonly acceptor: LinkAcceptor;
  readonly clock: Clock;
  /** One-way delivery time; connecting takes one such trip. 0 (default): microtasks only. */
  readonly latencyMs?: number;
  /** Sees every byte written on every link this connector opens. */
  readonly capture?: LinkCapture;
}

/**
 * A `SametimeConnector` that connects in-process to an acceptor (the simulated server). A TCP
 * connector would implement the same interface with sockets.
 */
export class InProcessConnector implements SametimeConnector {
  readonly #options: InProcessConnectorOptions;
  /** With no latency a connect waits on nothing: it settles in a promise callback. */
  readonly settlesAtOnce: boolean;
  #links = 0;

  constructor(options: InProcessConnectorOptions) {
    this.#options = options;
    this.settlesAtOnce = (options.latencyMs ?? 0) === 0;
  }

  async connect(host: string, port: number, signal?: AbortSignal): Promise<SametimeLink> {
    const { acceptor, clock, latencyMs = 0, capture } = this.#options;
    if (signal?.aborted) throw aborted(host, port);
    if (latencyMs > 0) {
      try {
        await clock.sleep(latencyMs, signal);
      } catch {
        throw aborted(host, port);
      }
    }
    const id = `${host}:${port}#${++this.#links}`;
    const pair = createLinkPair(capture === undefined ? { id, clock, latencyMs } : { id, clock, latencyMs, capture });
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
