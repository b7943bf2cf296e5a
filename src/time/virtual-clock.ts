import { numericOption } from '../config/numeric-option.js';
import type { Clock } from './clock.js';
import { ClockError, checkDuration } from './clock-error.js';
import { TimerQueue, type Sleeper } from './timer-queue.js';

/** Where a `VirtualClock` starts, and how many sleepers one advance may wake. */
export interface VirtualClockOptions {
  /** The virtual time the clock starts at, in milliseconds. Default 0. */
  readonly start?: number;
  /**
   * How many sleepers one `advance`, `advanceTo` or `runUntilIdle` call may wake before it
   * decides the loop is runaway and throws `ClockError('loop-limit')`. Default 10,000,000.
   */
  readonly loopLimit?: number;
}

/** Lets every pending promise callback run: setImmediate fires only once the microtask queue is empty. */
function drainPromiseCallbacks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time for simulations and tests. Time moves only when `advance`, `advanceTo` or
 * `runUntilIdle` is awaited; due sleepers wake in (time, insertion) order, and the promise
 * callbacks each wake sets off run before the next sleeper wakes, so a run repeats exactly.
 */
export class VirtualClock implements Clock {
  #now: number;
  #order = 0;
  #live = 0;
  #running = false;
  readonly #queue = new TimerQueue();
  readonly #loopLimit: number;

  constructor(options: VirtualClockOptions = {}) {
    const start = options.start ?? 0;
    if (!Number.isFinite(start) || start < 0) {
      throw new ClockError('bad-duration', `start must be a finite number of milliseconds >= 0, got ${start}`);
    }
    this.#now = start;
    this.#loopLimit = numericOption('VirtualClock', 'loopLimit', options.loopLimit ?? 10_000_000, { min: 1 });
  }

  now(): number {
    return this.#now;
  }

  /** How many sleepers are waiting (cancelled ones excluded). */
  get pending(): number {
    return this.#live;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkDuration(ms);
    if (signal === undefined) {
      // Nothing can cancel it: the sleeper is woken by the promise's own resolve, no closures made.
      return new Promise<void>((resolve) => {
        this.#live++;
        this.#queue.push({ time: this.#now + ms, order: this.#order++, wake: resolve, deferred: false });
      });
    }
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      const sleeper: Sleeper = { time: this.#now + ms, order: this.#order++, wake: undefined, deferred: false };
      const onAbort = (): void => {
        if (sleeper.wake === undefined) return;
        sleeper.wake = undefined;
        this.#live--;
        this.#dropCancelledSleepers();
        reject(signal.reason);
      };
      sleeper.wake = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#live++;
      this.#queue.push(sleeper);
    });
  }

  /**
   * Calls `wake` when virtual time reaches now + `ms`, in the same (time, insertion) order as
   * `sleep` and as a promise callback would run, unless the returned function is called first.
   * Cancelling costs nothing but a flag: no AbortSignal, no event.
   */
  timer(ms: number, wake: () => void): () => void {
    checkDuration(ms);
    // `wake` itself, deferred to a microtask when due: a waiting timer holds no closure of its own.
    const sleeper: Sleeper = { time: this.#now + ms, order: this.#order++, wake, deferred: true };
    this.#live++;
    this.#queue.push(sleeper);
    return () => {
      if (sleeper.wake === undefined) return;
      sleeper.wake = undefined;
      this.#live--;
      this.#dropCancelledSleepers();
    };
  }

  /**
   * A cancelled sleeper at the end of the queue leaves it at once. The others stay until their time
   * comes; once they are most of the queue, they are dropped, so a long run that cancels many
   * timeouts without advancing time stays small. Held on to, each would outlive a few young-
   * generation collections and be copied into the old one: a login's two cancelled deadlines, times
   * a thousand, were much of what each scavenge had to keep in the login benchmark.
   */
  #dropCancelledSleepers(): void {
    this.#queue.dropCancelledTail();
    const cancelled = this.#queue.size - this.#live;
    if (cancelled > 1024 && cancelled > this.#live) this.#queue.retain((sleeper) => sleeper.wake !== undefined);
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way. */
  advance(ms: number): Promise<void> {
    checkDuration(ms);
    return this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `time` (never backwards), waking every sleeper due on the way. */
  async advanceTo(time: number): Promise<void> {
    // NaN would wake every sleeper (no due time compares greater than it); Infinity would leave the clock stuck there.
    if (!Number.isFinite(time)) {
      throw new ClockError('bad-duration', `a time must be a finite number of milliseconds, got ${time}`);
    }
    await this.#run(time);
    if (time > this.#now) this.#now = time;
  }

  /** Wakes sleepers, moving time to each one's due time, until none is left. */
  runUntilIdle(): Promise<void> {
    return this.#run(Number.POSITIVE_INFINITY);
  }

  async #run(limit: number): Promise<void> {
    if (this.#running) {
      throw new ClockError('reentrant', 'the virtual clock is already being advanced; await the running call first');
    }
    this.#running = true;
    try {
      let woken = 0;
      await drainPromiseCallbacks();
      for (;;) {
        const next = this.#queue.peek();
        if (next === undefined || next.time > limit) return;
        this.#queue.pop();
        const wake = next.wake;
        if (wake === undefined) continue;
        if (++woken > this.#loopLimit) {
          this.#queue.push(next);
          throw new ClockError(
            'loop-limit',
            `woke more than ${this.#loopLimit} sleepers in one call: a loop keeps sleeping on the virtual clock`,
          );
        }
        next.wake = undefined;
        this.#live--;
        if (next.time > this.#now) this.#now = next.time;
        if (next.deferred) queueMicrotask(wake);
        else wake();
        await drainPromiseCallbacks();
      }
    } finally {
      this.#running = false;
    }
  }
}
