import type { Clock } from './clock.js';
import { checkDuration } from './clock-error.js';

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
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  timer(ms: number, wake: () => void): () => void {
    checkDuration(ms);
    const timer = setTimeout(wake, ms);
    return () => clearTimeout(timer);
  }
}
