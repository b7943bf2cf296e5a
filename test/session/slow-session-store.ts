import type { SessionStore } from '../../src/session/session-store.js';
import { wrapStore } from '../support/wrapped-store.js';

/** Lets the event loop turn, so other calls and I/O callbacks run in between. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A store that takes its time, like one across a network: each call waits a turn of the event
 * loop before it reaches the real store and a microtask after, so calls started together
 * interleave. It shows the contract asks nothing a remote store cannot give.
 */
export function slowSessionStore(inner: SessionStore): SessionStore {
  return wrapStore(inner, async (_method, _args, work) => {
    await turn();
    const result = await work();
    await Promise.resolve();
    return result;
  });
}
