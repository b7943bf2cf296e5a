import type { SessionStore } from '../session/session-store.js';
import type { CoveragePort } from './coverage.js';
import { SerialQueue } from './serial-queue.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';

/**
 * Writes the Router's coverage reports into the connectivity cache, where admission reads them.
 * Writes run one at a time and each reads the Router's coverage when it runs, so however a slow
 * store orders its answers, the last write leaves the latest coverage. A store failure, or one
 * that does not answer within the store deadline, is reported; the cache stays stale until the next change.
 */
export class CoverageRecorder {
  readonly #sessions: SessionStore;
  readonly #coverage: CoveragePort;
  readonly #deadlines: ServiceDeadlines;
  readonly #failures: ServiceFailures;
  readonly #writes = new SerialQueue();

  constructor(sessions: SessionStore, coverage: CoveragePort, deadlines: ServiceDeadlines, failures: ServiceFailures) {
    this.#sessions = sessions;
    this.#coverage = coverage;
    this.#deadlines = deadlines;
    this.#failures = failures;
  }

  async record(pin: string): Promise<void> {
    try {
      await this.#writes.add(() =>
        this.#deadlines.store(this.#sessions.setCoverage(pin, this.#coverage.inCoverage(pin)), 'a coverage change'),
      );
    } catch (error) {
      this.#failures.report(pin, error);
    }
  }
}
