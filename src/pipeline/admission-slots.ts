import type { BesConfig } from '../config/bes-config.js';
import type { SessionRecord } from '../session/session-record.js';
import type { EvictedSession, SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { Tracer } from './trace.js';

/** A login's place under the maximum, from admission until its session is cached or it gives up. */
export interface AdmissionSlot {
  readonly reservationId: string;
  /** The idle sessions logged out to make room: closing at their owners. */
  readonly evicted: readonly EvictedSession[];
  /** Caches the accepted session in the slot's place, in one store step; `expired` if the lease passed. */
  commit(record: SessionRecord): Promise<'committed' | 'expired'>;
  /** Gives the slot back, unless it was committed. Idempotent; a store failure is left to the lease. */
  release(): Promise<void>;
}

/** What giving back a slot that has nothing left to give back comes to. */
const RELEASED: Promise<void> = Promise.resolve();

function ignore(): void {}

/** Why a login was not admitted, as the device is told. */
export interface AdmissionRefusal {
  readonly status: 'server-busy' | 'failed';
  readonly reason: 'maximum-reached' | 'api-limit-reached';
}

export interface AdmissionSlotsOptions {
  readonly config: BesConfig;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  /** This instance: it owns the reservations it takes. */
  readonly owner: string;
  /** The IM server API's limit: with no maximum set, logins past it are Failed. */
  readonly sessionLimit: number;
  readonly deadlines: ServiceDeadlines;
  readonly tracer: Tracer;
}

/**
 * Step 4's maximum number of sessions, applied by the store in one atomic step (`SessionStore.admit`):
 * so several BES instances on one Configuration Database never over-admit. A reservation is a
 * slot with an owner and a lease: it is committed into the session, or released, or, if its
 * instance dies mid-login, it lapses at the end of its lease.
 */
export class AdmissionSlots {
  readonly #options: AdmissionSlotsOptions;
  readonly #leaseMs: number;
  /** Logins admitted and still under way. */
  #underWay = 0;
  #nextReservation = 0;

  constructor(options: AdmissionSlotsOptions) {
    this.#options = options;
    const { config, deadlines } = options;
    this.#leaseMs = config.reservationLeaseMs ?? deadlines.backendTimeoutMs + 2 * deadlines.storeTimeoutMs;
  }

  /** Logins admitted here and still under way: they hold a slot but are not cached yet. */
  get underWay(): number {
    return this.#underWay;
  }

  /** Admits the device's login (a slot) or says why not. */
  async admit(pin: string): Promise<AdmissionSlot | AdmissionRefusal> {
    const { config, clock, sessions, owner, sessionLimit, deadlines, tracer } = this.#options;
    const reservationId = `${owner}/reservation-${++this.#nextReservation}`;
    const now = clock.now();
    const admitted = sessions.admit({
      reservationId,
      owner,
      pin,
      now,
      leaseUntil: now + this.#leaseMs,
      rules: config,
      sessionLimit,
    });
    let result: Awaited<typeof admitted>;
    try {
      result = await deadlines.store(admitted, 'an admission');
    } catch (error) {
      // An admission that lands after its deadline holds a reservation nobody will use: give it back.
      void admitted.then(
        (late) => (late.admitted ? sessions.release(reservationId) : undefined),
        () => undefined,
      );
      throw error;
    }
    if (!result.admitted) {
      if (tracer.on) tracer.emit({ direction: 'request', action: 'admission', pin, outcome: result.status });
      return { status: result.status, reason: result.reason };
    }
    if (tracer.on) tracer.emit({ direction: 'request', action: 'admission', pin, outcome: 'admitted' });
    return this.#slot(reservationId, result.evicted);
  }

  #slot(reservationId: string, evicted: readonly EvictedSession[]): AdmissionSlot {
    const { sessions, deadlines } = this.#options;
    let open = true;
    this.#underWay++;
    const close = (): boolean => {
      if (!open) return false;
      open = false;
      this.#underWay--;
      return true;
    };
    return {
      reservationId,
      evicted,
      commit: (record) =>
        deadlines.store(sessions.commit(reservationId, record), 'the caching of a session').then((committed) => {
          close();
          return committed;
        }),
      // Not async: a slot committed (most of them) has nothing to give back, and makes no promise for it.
      release: () => {
        if (!close()) return RELEASED;
        // Nothing waits on a release: a store that fails, throws or hangs here leaves the slot to its lease.
        try {
          return deadlines.store(sessions.release(reservationId), 'the release of a slot').then(ignore, ignore);
        } catch {
          return RELEASED;
        }
      },
    };
  }
}

/** Whether admission answered with a slot. */
export function isSlot(admitted: AdmissionSlot | AdmissionRefusal): admitted is AdmissionSlot {
  return 'commit' in admitted;
}
