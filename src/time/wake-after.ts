import type { Clock } from './clock.js';

function ignore(): void {}

/**
 * Calls `wake` once `ms` have passed on `clock`, unless the returned function is called first:
 * `Clock.timer` when the clock has it, otherwise a sleep cancelled through an AbortController.
 * For deadlines set once per connection (a socket's linger, a connect or login timeout).
 */
export function wakeAfter(clock: Clock, ms: number, wake: () => void): () => void {
  if (clock.timer !== undefined) return clock.timer(ms, wake);
  const controller = new AbortController();
  clock.sleep(ms, controller.signal).then(wake, ignore);
  return () => controller.abort();
}
