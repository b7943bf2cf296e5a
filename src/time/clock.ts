/**
 * Where bes-collab reads time. Library code never reads the wall clock or starts a timer itself:
 * every hop takes a `Clock`, so a simulation on a `VirtualClock` repeats exactly.
 */
export interface Clock {
  /** Milliseconds since the clock's epoch. */
  now(): number;
  /**
   * Resolves once `ms` milliseconds have passed on this clock. When `signal` aborts first the
   * sleep is cancelled (it holds no timer any more) and the promise rejects with the signal's reason.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Calls `wake` once `ms` milliseconds have passed on this clock, unless the function it returns is
   * called first (then it holds no timer any more). `sleep` with an AbortSignal does the same, but
   * aborting a signal costs microseconds of event dispatch: too much for a timeout set and
   * cancelled once per login, which is what library code uses this for.
   */
  timer(ms: number, wake: () => void): () => void;
}
