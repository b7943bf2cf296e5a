/** A sleeper waiting on a virtual clock: due at `time`, ordered among equals by `order` (insertion). */
export interface Sleeper {
  readonly time: number;
  readonly order: number;
  wake: (() => void) | undefined;
  /** A `timer`'s sleeper: `wake` is called from a microtask, as a promise callback would be. */
  readonly deferred: boolean;
}

function before(a: Sleeper, b: Sleeper): boolean {
  return a.time < b.time || (a.time === b.time && a.order < b.order);
}

/** A binary min-heap of sleepers by (time, insertion order). Cancelled sleepers are skipped lazily. */
export class TimerQueue {
  readonly #heap: Sleeper[] = [];

  get size(): number {
    return this.#heap.length;
  }

  push(sleeper: Sleeper): void {
    const heap = this.#heap;
    heap.push(sleeper);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(sleeper, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = sleeper;
  }

  /**
   * Drops the cancelled sleepers (no `wake`) at the end of the heap. The last entry of a heap can
   * go without moving any other, and a timer cancelled soon after it was set, the usual timeout, is
   * most often that entry: it leaves the queue at once instead of waiting to be swept.
   */
  dropCancelledTail(): void {
    const heap = this.#heap;
    while (heap.length > 0 && heap[heap.length - 1]!.wake === undefined) heap.pop();
  }

  /** Drops the sleepers `keep` rejects and restores heap order: O(n). */
  retain(keep: (sleeper: Sleeper) => boolean): void {
    const live = this.#heap.filter(keep);
    this.#heap.length = 0;
    live.sort((a, b) => (before(a, b) ? -1 : 1));
    // A sorted array is a valid min-heap.
    for (const sleeper of live) this.#heap.push(sleeper);
  }

  peek(): Sleeper | undefined {
    return this.#heap[0];
  }

  pop(): Sleeper | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      const c = heap[child]!;
      if (!before(c, last)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
