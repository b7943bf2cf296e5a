import type { Clock } from '../../time/clock.js';

/** A login the watchdog times out. */
export interface Watched {
  /** Clock time it times out at; set by `watch`. */
  deadline: number;
  /** Called once the deadline has passed, if the login is still watched. */
  expire(): void;
}

function ignore(): void {}

/**
 * Times out an adapter's logins with one sleeper on the clock, however many are in flight. Every
 * login has the same timeout and the clock never goes back, so deadlines come in the order logins
 * start: the watched set, in insertion order, is a deadline queue, and the one sleeper waits for
 * its head. The sleeper is cancelled as soon as no login is in flight, so a finished login leaves
 * nothing pending on the clock. (A clock that did go back would delay timeouts, never lose them.)
 */
export class LoginWatchdog {
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #watched = new Set<Watched>();
  /** The one sleeper, while it is armed. */
  #armed: { cancel: () => void } | undefined;

  constructor(clock: Clock, timeoutMs: number) {
    this.#clock = clock;
    this.#timeoutMs = timeoutMs;
  }

  /** Logins being watched. */
  get size(): number {
    return this.#watched.size;
  }

  watch(login: Watched): void {
    login.deadline = this.#clock.now() + this.#timeoutMs;
    this.#watched.add(login);
    if (this.#armed === undefined) this.#arm(login.deadline);
  }

  unwatch(login: Watched): void {
    if (!this.#watched.delete(login)) return;
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
    for (const login of this.#watched) {
      if (login.deadline > now) {
        this.#arm(login.deadline);
        return;
      }
      this.#watched.delete(login);
      login.expire();
    }
  }
}
