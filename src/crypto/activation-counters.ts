import type { Clock } from '../time/clock.js';

/** A user's wrong activation passwords, and when the last one came. */
interface WrongCount {
  readonly wrong: number;
  readonly lastAt: number;
}

/** How the counters are bounded. */
export interface WrongActivationBounds {
  /** The clock counts expire on; without one they expire only by `maxCounters`. */
  readonly clock: Clock | undefined;
  /** A count lapses this long after its last wrong password. */
  readonly lockoutMs: number;
  /** At most this many counts are held; beyond it, the one idle longest is dropped. */
  readonly maxCounters: number;
}

/**
 * Wrong activation passwords, counted per user id as given (a user id the directory does not know
 * counts exactly as a known one does, so the count reveals nothing about who exists). Bounded: a
 * count lapses `lockoutMs` after its last wrong password, and at most `maxCounters` are held.
 */
export class WrongActivationCounters {
  /** In order of the last wrong password, oldest first (each update moves its entry to the end). */
  readonly #counts = new Map<string, WrongCount>();
  readonly #bounds: WrongActivationBounds;

  constructor(bounds: WrongActivationBounds) {
    this.#bounds = bounds;
  }

  /** How many users' counts are held now. */
  get size(): number {
    this.#expire();
    return this.#counts.size;
  }

  /** Wrong passwords counted for this user id. */
  count(userId: string): number {
    this.#expire();
    return this.#counts.get(userId)?.wrong ?? 0;
  }

  /** Counts one more wrong password; returns the new count. */
  addWrong(userId: string): number {
    const wrong = this.count(userId) + 1;
    this.#counts.delete(userId);
    this.#counts.set(userId, { wrong, lastAt: this.#now() });
    for (const oldest of this.#counts.keys()) {
      if (this.#counts.size <= this.#bounds.maxCounters) break;
      this.#counts.delete(oldest);
    }
    return wrong;
  }

  /** The right password: the count starts afresh. */
  clear(userId: string): void {
    this.#counts.delete(userId);
  }

  #now(): number {
    return this.#bounds.clock?.now() ?? 0;
  }

  /** Drops the counts whose window has passed (they are oldest first, so it stops at the first live one). */
  #expire(): void {
    if (this.#bounds.clock === undefined) return;
    const now = this.#now();
    for (const [userId, count] of this.#counts) {
      if (now - count.lastAt < this.#bounds.lockoutMs) break;
      this.#counts.delete(userId);
    }
  }
}
