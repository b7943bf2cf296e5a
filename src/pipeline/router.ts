import type { Clock } from '../time/clock.js';
import type { AirFrame } from './air-frame.js';
import type { Filter } from './stage.js';
import { ignoreTrace, type TraceObserver } from './trace.js';

/** The BlackBerry Router's default SRP port towards the Dispatcher. */
export const SRP_PORT = 3101;

export type CoverageListener = (pin: string, inCoverage: boolean) => void | Promise<void>;

export interface RouterOptions {
  readonly clock: Clock;
  readonly observe: TraceObserver;
  /** The SRP port it relays to the Dispatcher on. Default 3101. */
  readonly port?: number;
}

/**
 * The BlackBerry Router: relays sealed frames between devices and the Dispatcher on SRP port 3101,
 * knows which devices are in coverage and reports changes to the BES. It never holds a device key,
 * so it cannot read what it relays. A reply for a device that has left coverage is lost.
 */
export class BlackBerryRouter {
  readonly port: number;
  readonly #clock: Clock;
  readonly #observe: TraceObserver;
  readonly #outOfCoverage = new Set<string>();
  readonly #listeners: CoverageListener[] = [];

  constructor(options: RouterOptions) {
    this.port = options.port ?? SRP_PORT;
    this.#clock = options.clock;
    this.#observe = options.observe;
  }

  inCoverage(pin: string): boolean {
    return !this.#outOfCoverage.has(pin);
  }

  /** Registers a listener for coverage changes (the BES's Collaboration Service). */
  onCoverageChange(listener: CoverageListener): void {
    this.#listeners.push(listener);
  }

  /** A device came into or left coverage; the BES hears of it once the returned promise settles. */
  async setCoverage(pin: string, inCoverage: boolean): Promise<void> {
    if (this.inCoverage(pin) === inCoverage) return;
    if (inCoverage) this.#outOfCoverage.delete(pin);
    else this.#outOfCoverage.add(pin);
    this.#observe({
      at: this.#clock.now(),
      hop: 'router',
      direction: 'request',
      action: inCoverage ? 'coverage-regained' : 'coverage-lost',
      pin,
    });
    for (const listener of this.#listeners) await listener(pin, inCoverage);
  }

  /** The relay hop, to chain in front of the Dispatcher. */
  readonly relay: Filter<AirFrame, AirFrame | null, AirFrame, AirFrame | null> = async (frame, next) => {
    const { pin } = frame;
    if (!this.inCoverage(pin)) {
      this.#event('request', 'dropped', frame, 'out-of-coverage');
      return null;
    }
    this.#event('request', 'relayed', frame);
    const reply = await next(frame);
    if (reply === null) return null;
    if (!this.inCoverage(pin)) {
      this.#event('reply', 'dropped', reply, 'out-of-coverage');
      return null;
    }
    this.#event('reply', 'relayed', reply);
    return reply;
  };

  #event(direction: 'request' | 'reply', action: string, frame: AirFrame, outcome?: string): void {
    if (this.#observe === ignoreTrace) return; // nobody observes: build no event
    this.#observe({
      at: this.#clock.now(),
      hop: 'router',
      direction,
      action,
      pin: frame.pin,
      port: this.port,
      bytes: frame.bytes.length,
      sealed: true,
      compressed: true,
      ...(outcome === undefined ? {} : { outcome }),
    });
  }
}
