import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';
import type { SessionRegistry } from './session-registry.js';
import type { Tracer } from './trace.js';

export interface InstanceUpkeepOptions {
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly registry: SessionRegistry;
  readonly owner: string;
  /** Renew and reap on this lease; undefined: no instance leases. */
  readonly leaseMs: number | undefined;
  /** Look for closes begun elsewhere this often, when the store cannot say at once; undefined: never. */
  readonly pollMs: number | undefined;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
  readonly tracer: Tracer;
}

/**
 * What an instance on a shared Configuration Database does on its clock: renews its lease (a third
 * of it at a time) and reaps instances whose lease passed, so a killed instance's sessions are
 * logged out; and, when its store cannot tell it at once, looks for closes of its sessions begun
 * elsewhere. For a store only this BES uses neither is needed, and nothing is put on the clock.
 */
export class InstanceUpkeep {
  readonly #o: InstanceUpkeepOptions;
  #cancel: (() => void) | undefined;
  #stopped = false;

  constructor(options: InstanceUpkeepOptions) {
    this.#o = options;
  }

  /** Whether it has anything to do at all. */
  get needed(): boolean {
    return this.#o.leaseMs !== undefined || this.#o.pollMs !== undefined;
  }

  /** Starts the rounds: the first at once. */
  start(): void {
    if (!this.needed || this.#cancel !== undefined || this.#stopped) return;
    void this.#round();
  }

  /** Stops the rounds (the BES is closing); the lease then lapses by itself. */
  stop(): void {
    this.#stopped = true;
    this.#cancel?.();
    this.#cancel = undefined;
  }

  /** One round: renew, reap, look for closes; a store failure is reported, and the next round tries again. */
  async #round(): Promise<void> {
    const { clock, sessions, registry, owner, leaseMs, pollMs, deadlines, failures, tracer } = this.#o;
    this.#cancel = undefined;
    try {
      if (leaseMs !== undefined) {
        const now = clock.now();
        await deadlines.store(sessions.renewOwner(owner, now + leaseMs), 'a lease renewal');
        for (const record of await deadlines.store(sessions.reapOwners(now), 'the reaping of lapsed instances')) {
          if (tracer.on)
            tracer.emit({
              direction: 'request',
              action: 'logged-out',
              pin: record.pin,
              outcome: 'owner-lost',
              reason: record.owner,
            });
        }
      }
      if (pollMs !== undefined) await registry.pollCloses();
    } catch (error) {
      failures.report(undefined, error);
    }
    if (this.#stopped) return;
    const every = Math.min(
      leaseMs === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(leaseMs / 3)),
      pollMs ?? Number.POSITIVE_INFINITY,
    );
    this.#cancel = clock.timer(every, () => void this.#round());
  }
}
