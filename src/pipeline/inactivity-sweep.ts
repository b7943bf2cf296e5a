import type { BesConfig } from '../config/bes-config.js';
import { inactivityStatusCutoff, selectInactive } from '../session/admission.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import { asPipelineError, type ServiceFailures } from './service-failure.js';
import type { SessionRegistry } from './session-registry.js';

export interface InactivitySweepOptions {
  readonly config: BesConfig;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly registry: SessionRegistry;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
}

/** The sweep runs as messages arrive, at most once per this many virtual milliseconds. */
const SWEEP_EVERY_MS = 1000;

/**
 * BES 5's inactivity timeout: logs out every session with no status message for
 * `inactivityTimeoutMs`, maximum reached or not, whichever instance holds it (another instance's
 * sessions are closed by their owner, told through the store).
 */
export class InactivitySweep {
  readonly #options: InactivitySweepOptions;
  #last = Number.NEGATIVE_INFINITY;

  constructor(options: InactivitySweepOptions) {
    this.#options = options;
  }

  /** Whether the rule is on at all: without it the service need not call `onMessage`. */
  get enabled(): boolean {
    return this.#options.config.inactivityTimeoutMs !== undefined;
  }

  /**
   * Applies the rule now; returns how many sessions it closed. A store failure rejects with
   * `PipelineError('store-failed')`.
   */
  async closeInactive(): Promise<number> {
    const { config, clock, sessions, registry, deadlines } = this.#options;
    const now = clock.now();
    const cutoff = inactivityStatusCutoff(config, now);
    if (cutoff === undefined) return 0;
    this.#last = now;
    try {
      const candidates = await deadlines.store(
        sessions.idleCandidates(cutoff, Number.MAX_SAFE_INTEGER),
        'the inactivity sweep',
      );
      const inactive = selectInactive(config, now, candidates);
      const byId = new Map(candidates.map((record) => [record.sessionId, record]));
      for (const sessionId of inactive) {
        const record = byId.get(sessionId);
        if (record !== undefined) await registry.closeAnywhere(record, 'inactivity-logout');
      }
      return inactive.length;
    } catch (error) {
      throw asPipelineError(error);
    }
  }

  /** On the way to handling `pin`'s message: sweeps if a second has passed; a failure is reported, not thrown. */
  async onMessage(pin: string): Promise<void> {
    if (this.#options.clock.now() - this.#last < SWEEP_EVERY_MS) return;
    try {
      await this.closeInactive();
    } catch (error) {
      this.#options.failures.report(pin, error);
    }
  }
}
