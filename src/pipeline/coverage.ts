import type { Tracer } from './trace.js';

/** Whether a device is in coverage, as the BlackBerry Router knows it: the port others read it through. */
export interface CoveragePort {
  /** Whether the device with this PIN is in coverage now. */
  inCoverage(pin: string): boolean;
}

/** Hears of coverage changes (the Collaboration Service, to record them in the Configuration Database). */
export type CoverageListener = (pin: string, inCoverage: boolean) => void | Promise<void>;

/**
 * The radio network's coverage, owned by the BlackBerry Router: which devices are out of coverage,
 * and who hears of changes. A device that has never been reported is in coverage.
 */
export class RadioCoverage implements CoveragePort {
  readonly #tracer: Tracer;
  readonly #outOfCoverage = new Set<string>();
  readonly #listeners: CoverageListener[] = [];

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  /** Whether the device with this PIN is in coverage now (in coverage unless reported out). */
  inCoverage(pin: string): boolean {
    return !this.#outOfCoverage.has(pin);
  }

  /** Devices out of coverage now. */
  get outOfCoverage(): number {
    return this.#outOfCoverage.size;
  }

  /** Registers a listener for coverage changes. */
  onChange(listener: CoverageListener): void {
    this.#listeners.push(listener);
  }

  /** A device came into or left coverage; the listeners have heard of it once the promise settles. */
  async set(pin: string, inCoverage: boolean): Promise<void> {
    if (this.inCoverage(pin) === inCoverage) return;
    if (inCoverage) this.#outOfCoverage.delete(pin);
    else this.#outOfCoverage.add(pin);
    if (this.#tracer.on)
      this.#tracer.emit({ direction: 'request', action: inCoverage ? 'coverage-regained' : 'coverage-lost', pin });
    for (const listener of this.#listeners) await listener(pin, inCoverage);
  }
}
