import type { Clock } from './clock.js';
import { checkDuration } from './clock-error.js';

/** The longest delay Node's `setTimeout` takes; a longer one fires after 1 ms instead. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Wall time, for users who run the model against real time. Simulations use `VirtualClock`. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    checkDuration(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        cancel();
        reject(signal?.reason);
      };
      const cancel = this.timer(ms, () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Wakes after `ms`, however long: a wait beyond Node's timer limit (about 24.8 days) is made of several timers. */
  timer(ms: number, wake: () => void): () => void {
    checkDuration(ms);
    let left = ms;
    let handle: ReturnType<typeof setTimeout>;
    const arm = (): void => {
      const step = Math.min(left, MAX_TIMEOUT_MS);
      left -= step;
      handle = setTimeout(left > 0 ? arm : wake, step);
    };
    arm();
    return () => clearTimeout(handle);
  }
}
