import { microtask } from '../time/microtask.js';
import type { ClosingSession } from './session-store.js';

/** Told when a session of the owner it watches starts to close, so that owner can finish the close. */
export type CloseWatcher = (closing: ClosingSession) => void;

/** Calls a watcher; what it throws surfaces as an uncaught exception, as from `queueMicrotask`. */
function tell(watcher: CloseWatcher, closing: ClosingSession): void {
  try {
    watcher(closing);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

/** Who watches the closes of each owner's sessions (`SessionStore.watchCloses`), in one process. */
export class CloseWatchers {
  readonly #byOwner = new Map<string, Set<CloseWatcher>>();

  /** Tells `listener` of each close of `owner`'s sessions until the returned function is called. */
  watch(owner: string, listener: CloseWatcher): () => void {
    let watchers = this.#byOwner.get(owner);
    if (watchers === undefined) {
      watchers = new Set();
      this.#byOwner.set(owner, watchers);
    }
    watchers.add(listener);
    return () => {
      watchers.delete(listener);
      if (watchers.size === 0) this.#byOwner.delete(owner);
    };
  }

  /**
   * Tells the owner's watchers, each in a microtask of its own: never inside the caller's store
   * call. The owner's own closes are told too (the store cannot tell who asks), one per logout, so
   * each is a reaction to a settled promise rather than a `queueMicrotask`, which wraps its task in
   * an `AsyncResource`.
   */
  notify(closing: ClosingSession): void {
    const watchers = this.#byOwner.get(closing.record.owner);
    if (watchers === undefined) return;
    for (const watcher of [...watchers]) microtask(() => tell(watcher, closing));
  }
}
