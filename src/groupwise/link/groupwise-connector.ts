import type { Random } from '../../random/seeded-random.js';
import type { ConnectRequest, SametimeConnector, SametimeLink } from '../../sametime/link/sametime-link.js';
import { SSL_STAND_IN, SslStandInLink } from './ssl-stand-in.js';
import type { StandInKeyPair } from './stand-in-key.js';

/**
 * Opens the Collaboration Service's encrypted connections to a GroupWise Messenger server: byte
 * links, as the Sametime wing's (`SametimeLink`), and a name for how they are protected, for traces.
 */
export interface GroupWiseConnector extends SametimeConnector {
  /** `ssl stand-in` in simulations, `tls` over the network. */
  readonly security: string;
}

/**
 * Wraps another connector's links in the SSL stand-in, client end: what the simulated backend uses,
 * around an in-process connector to the simulated server (which takes the server end).
 */
export class SslStandInConnector implements GroupWiseConnector {
  readonly security = SSL_STAND_IN;
  readonly #inner: SametimeConnector;
  readonly #keys: StandInKeyPair;
  readonly #random: Random;
  #connections = 0;

  constructor(inner: SametimeConnector, keys: StandInKeyPair, random: Random) {
    this.#inner = inner;
    this.#keys = keys;
    this.#random = random;
  }

  async connect(host: string, port: number, request?: ConnectRequest): Promise<SametimeLink> {
    const link = await this.#inner.connect(host, port, request);
    return new SslStandInLink(link, 'client', this.#keys, this.#random.fork(`connection-${++this.#connections}`));
  }
}
