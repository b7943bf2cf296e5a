import type { Clock } from '../time/clock.js';
import { TimeoutWatchdog, type Watched } from '../time/timeout-watchdog.js';
import { PipelineError } from './pipeline-error.js';

/**
 * A call in flight under a deadline: it settles `work`'s way, or times out. The deadline is armed
 * one microtask after the call, and only if it has not answered by then: a store that answers at
 * once (the in-memory one) puts nothing on the clock.
 */
class DeadlineCall<T> implements Watched {
  deadline = 0;
  readonly #watchdog: TimeoutWatchdog;
  readonly #timeout: () => PipelineError;
  #settled = false;
  #watched = false;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;
  readonly promise: Promise<T>;

  constructor(watchdog: TimeoutWatchdog, work: Promise<T>, timeout: () => PipelineError) {
    this.#watchdog = watchdog;
    this.#timeout = timeout;
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    work.then(
      (value) => this.#settle() && this.#resolve(value),
      (error: unknown) => this.#settle() && this.#reject(error),
    );
    queueMicrotask(() => {
      if (this.#settled) return;
      this.#watched = true;
      watchdog.watch(this);
    });
  }

  expire(): void {
    this.#settled = true;
    this.#reject(this.#timeout());
  }

  /** False if the call has timed out already. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#watched) this.#watchdog.unwatch(this);
    return true;
  }
}

/**
 * The Collaboration Service's deadlines on the BES clock: every call to a store and to the IM
 * backend answers within its time or rejects with `PipelineError('store-timeout' | 'backend-timeout')`,
 * so a store or backend that never answers can hold up one request, never the BES. One sleeper
 * per kind of call serves every call in flight (`TimeoutWatchdog`).
 */
export class ServiceDeadlines {
  readonly storeTimeoutMs: number;
  readonly backendTimeoutMs: number;
  readonly #store: TimeoutWatchdog;
  readonly #backend: TimeoutWatchdog;
  readonly #backendHop: string;

  constructor(clock: Clock, options: { storeTimeoutMs: number; backendTimeoutMs: number; backendHop: string }) {
    this.storeTimeoutMs = options.storeTimeoutMs;
    this.backendTimeoutMs = options.backendTimeoutMs;
    this.#store = new TimeoutWatchdog(clock, options.storeTimeoutMs);
    this.#backend = new TimeoutWatchdog(clock, options.backendTimeoutMs);
    this.#backendHop = options.backendHop;
  }

  /** A store call, answered within `storeTimeoutMs`. `what` names the call in the error. */
  store<T>(work: Promise<T>, what: string): Promise<T> {
    const ms = this.storeTimeoutMs;
    return new DeadlineCall(
      this.#store,
      work,
      () =>
        new PipelineError('store-timeout', `the store did not answer ${what} within ${ms} ms`, {
          hop: 'collaboration-service',
        }),
    ).promise;
  }

  /** A backend call, answered within `backendTimeoutMs`. */
  backend<T>(work: Promise<T>, what: string): Promise<T> {
    const ms = this.backendTimeoutMs;
    const hop = this.#backendHop;
    return new DeadlineCall(
      this.#backend,
      work,
      () =>
        new PipelineError('backend-timeout', `the IM backend did not answer a ${what} request within ${ms} ms`, {
          hop,
        }),
    ).promise;
  }
}
