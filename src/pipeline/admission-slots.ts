import type { BesConfig } from '../config/bes-config.js';
import { decideAdmission, idleStatusCutoff } from '../session/admission.js';
import type { SessionRecord } from '../session/session-record.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import { SerialQueue } from './serial-queue.js';
import type { SessionRegistry } from './session-registry.js';
import type { Tracer } from './trace.js';

/** A login's place under the maximum, from admission until its session is cached or it gives up. */
export interface AdmissionSlot {
  /** Caches the accepted session and gives the slot back in one step: it never counts twice or not at all. */
  commit(insert: () => Promise<void>): Promise<void>;
  /** Gives the slot back. Idempotent. */
  release(): void;
}

/** Why a login was not admitted, as the device is told. */
export interface AdmissionRefusal {
  readonly status: 'server-busy' | 'failed';
  readonly reason: 'maximum-reached' | 'api-limit-reached';
}

export interface AdmissionSlotsOptions {
  readonly config: BesConfig;
  readonly clock: Clock;
  readonly sessions: SessionStore;
  readonly registry: SessionRegistry;
  /** The IM server API's limit: with no maximum set, logins past it are Failed. */
  readonly sessionLimit: number;
  readonly tracer: Tracer;
}

/**
 * Step 4's maximum number of sessions, applied one login at a time: the count is the sessions
 * cached, plus the logins admitted and still under way (each holds a slot), plus the sessions whose
 * close has not yet reached the IM server; a full BES logs out
 * idle sessions (out of coverage, or silent past the idle timeout) before it admits. Decisions and
 * the caching of accepted sessions run one at a time, so two logins can never both see the last
 * free slot; the slow part of a login (the IM server) runs outside, concurrently.
 */
export class AdmissionSlots {
  readonly #options: AdmissionSlotsOptions;
  readonly #queue = new SerialQueue();
  #reserved = 0;

  constructor(options: AdmissionSlotsOptions) {
    this.#options = options;
  }

  /** Logins admitted and still under way: they hold a slot but are not cached yet. */
  get reserved(): number {
    return this.#reserved;
  }

  /** Admits the device's login (a slot) or says why not. */
  admit(pin: string): Promise<AdmissionSlot | AdmissionRefusal> {
    return this.#queue.add(() => this.#decide(pin));
  }

  async #decide(pin: string): Promise<AdmissionSlot | AdmissionRefusal> {
    const { config: rules, clock, sessions, registry, sessionLimit, tracer } = this.#options;
    const now = clock.now();
    const held = (await sessions.count()) + this.#reserved + registry.closingAtBackend;
    const cutoff = idleStatusCutoff(rules, now);
    const full = rules.maxSessions !== undefined && held >= rules.maxSessions;
    const idleCandidates: readonly SessionRecord[] =
      full && cutoff !== undefined ? await sessions.idleCandidates(cutoff, Number.MAX_SAFE_INTEGER) : [];
    const decision = decideAdmission({ rules, now, sessions: held, idleCandidates, sessionLimit });
    if (!decision.admit) {
      if (tracer.on) tracer.emit({ direction: 'request', action: 'admission', pin, outcome: decision.status });
      return { status: decision.status, reason: decision.reason };
    }
    if (decision.logout.length > 0) {
      const byId = new Map(idleCandidates.map((record) => [record.sessionId, record]));
      for (const { sessionId, reason } of decision.logout) {
        const record = byId.get(sessionId);
        if (record !== undefined) await registry.close(record, 'idle-logout', reason);
      }
    }
    this.#reserved++;
    if (tracer.on) tracer.emit({ direction: 'request', action: 'admission', pin, outcome: 'admitted' });
    return this.#slot();
  }

  #slot(): AdmissionSlot {
    let held = true;
    const release = (): void => {
      if (held) this.#reserved--;
      held = false;
    };
    return {
      release,
      commit: (insert) =>
        this.#queue.add(async () => {
          try {
            await insert();
          } finally {
            release();
          }
        }),
    };
  }
}

/** Whether admission answered with a slot. */
export function isSlot(admitted: AdmissionSlot | AdmissionRefusal): admitted is AdmissionSlot {
  return 'commit' in admitted;
}
