import type { Clock } from './clock.js';

/** Something in flight the watchdog times out: a call, a store call, a close. */
export interface Watched {
  /** Clock time it times out at; set by `watch`. */
  deadline: number;
  /** Called once the deadline has passed, if it is still watched. */
  expire(): void;
}

function ignore(): void {}

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
  /** The one sleeper, while it is armed. */
  #armed: { cancel: () => void } | undefined;

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
    if (this.#armed === undefined) this.#arm(call.deadline);
  }

  unwatch(call: Watched): void {
    if (!this.#watched.delete(call)) return;
    if (this.#watched.size === 0 && this.#armed !== undefined) {
      this.#armed.cancel();
      this.#armed = undefined;
    }
  }

  /** Arms the sleeper with the clock's `timer`: cancelling it is a flag, not an abort event. */
  #arm(deadline: number): void {
    const clock = this.#clock;
    const wait = Math.max(0, deadline - clock.now());
    const armed = { cancel: ignore };
    this.#armed = armed;
    const wake = (): void => this.#fire(armed);
    armed.cancel = clock.timer(wait, wake);
  }

  #fire(armed: { cancel: () => void }): void {
    if (this.#armed !== armed) return;
    this.#armed = undefined;
    const now = this.#clock.now();
    for (const call of this.#watched) {
      if (call.deadline > now) {
        this.#arm(call.deadline);
        return;
      }
      this.#watched.delete(call);
      call.expire();
    }
  }
}
