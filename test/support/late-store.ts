import { InMemorySessionStore } from '../../src/session/in-memory-session-store.js';
import type { SessionStore } from '../../src/session/session-store.js';
import { wrapStore, type StoreMethod } from './wrapped-store.js';

/**
 * A store across a network whose answers come late: each call takes effect at once, and its
 * acknowledgement arrives `turns` microtask turns later (for the methods in `late`, or all).
 * `onEffect` runs the moment a call has taken effect, before anyone has heard so: the gap in
 * which the half sessions were made.
 */
export function lateStore(
  options: {
    readonly turns?: number;
    readonly late?: readonly StoreMethod[];
    readonly onEffect?: (method: StoreMethod, args: readonly unknown[]) => void;
  } = {},
): { store: SessionStore; inner: InMemorySessionStore } {
  const inner = new InMemorySessionStore();
  const turns = options.turns ?? 5;
  const store = wrapStore(inner, async (method, args, work) => {
    const result = await work();
    options.onEffect?.(method, args);
    if (options.late === undefined || options.late.includes(method)) {
      for (let i = 0; i < turns; i++) await Promise.resolve();
    }
    return result;
  });
  return { store, inner };
}
