import type { SessionRecord } from '../../src/session/session-record.js';
import type { SessionStore } from '../../src/session/session-store.js';

/** Lets the event loop turn, so other calls and I/O callbacks run in between. */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A store that takes its time, like one across a network: each call waits a turn of the event
 * loop before it reaches the real store and a microtask after, so calls started together
 * interleave. It shows the contract asks nothing a remote store cannot give.
 */
export class SlowSessionStore implements SessionStore {
  readonly #inner: SessionStore;

  constructor(inner: SessionStore) {
    this.#inner = inner;
  }

  async #slowly<T>(call: () => Promise<T>): Promise<T> {
    await turn();
    const result = await call();
    await Promise.resolve();
    return result;
  }

  count(): Promise<number> {
    return this.#slowly(() => this.#inner.count());
  }

  get(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#slowly(() => this.#inner.get(sessionId));
  }

  getByPin(pin: string): Promise<SessionRecord | undefined> {
    return this.#slowly(() => this.#inner.getByPin(pin));
  }

  insert(record: SessionRecord): Promise<void> {
    return this.#slowly(() => this.#inner.insert(record));
  }

  touch(sessionId: string, at: number): Promise<SessionRecord | undefined> {
    return this.#slowly(() => this.#inner.touch(sessionId, at));
  }

  setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined> {
    return this.#slowly(() => this.#inner.setCoverage(pin, inCoverage));
  }

  remove(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#slowly(() => this.#inner.remove(sessionId));
  }

  idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]> {
    return this.#slowly(() => this.#inner.idleCandidates(statusBefore, limit));
  }
}
