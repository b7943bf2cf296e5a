import type { Clock } from './clock.js';

/** Something in flight the watchdog times out: a call, a store call, a close. */
export interface Watched {
  /** Clock time it times out at; set by `watch`. */
  deadline: number;
  /** Called once the deadline has passed, if it is still watched. */
  expire(): void;
}

/**
 * Times out calls of one kind (an adapter's logins, a service's store calls) with one sleeper on
 * the clock, however many are in flight. Every call has the same timeout and the clock never goes
 * back, so deadlines come in the order calls start: the watched set, in insertion order, is a
 * deadline queue, and the one sleeper waits for its head. The sleeper is cancelled as soon as
 * nothing is in flight, so a finished call leaves nothing pending on the clock. (A clock that did
 * go back would delay timeouts, never lose them.)
 */
export class TimeoutWatchdog {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #watched = new Set<Watched>();
  /** Cancels the one sleeper, while it is armed. */
  #cancel: (() => void) | undefined;
  /** The sleeper's wake: one function for every arming, not a closure each. */
  readonly #wake = (): void => this.#fire();

  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** How long a watched call has before it times out. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  /** Calls being watched. */
  get size(): number {
    return this.#watched.size;
  }

  watch(call: Watched): void {
    call.deadline = this.#clock.now() + this.#timeoutMs;
    this.#watched.add(call);
    if (this.#cancel === undefined) this.#arm(call.deadline);
  }

  unwatch(call: Watched): void {
    if (!this.#watched.delete(call)) return;
    if (this.#watched.size === 0) this.#disarm();
  }

  /** Arms the sleeper with the clock's `timer`: cancelling it is a flag, not an abort event. */
  #arm(deadline: number): void {
    const clock = this.#clock;
    this.#cancel = clock.timer(Math.max(0, deadline - clock.now()), this.#wake);
  }

  #disarm(): void {
    const cancel = this.#cancel;
    this.#cancel = undefined;
    cancel?.();
  }

  /**
   * Times out every call whose deadline has passed, and arms the sleeper for the next. A wake of a
   * sleeper cancelled too late to stop it (a clock may have queued its call already) finds the
   * watchdog disarmed, or armed anew: it is ignored, or it only fires early, which times out
   * nothing before its deadline and arms the sleeper again.
   */
  #fire(): void {
    if (this.#cancel === undefined) return;
    this.#disarm();
    const now = this.#clock.now();
    for (const call of this.#watched) {
      if (call.deadline > now) {
        // Armed already if a call timed out here started another (its deadline is later than this one's).
        if (this.#cancel === undefined) this.#arm(call.deadline);
        return;
      }
      this.#watched.delete(call);
      call.expire();
    }
  }
}
