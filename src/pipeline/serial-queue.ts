/**
 * Runs tasks one at a time, in the order they were added (p-queue with a concurrency of 1). The
 * Collaboration Service uses one for its admission decisions and one for its coverage writes.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  /** Tasks added and not yet settled. */
  #busy = 0;

  /** Tasks added and not yet settled. */
  get size(): number {
    return this.#busy;
  }

  add<T>(task: () => Promise<T>): Promise<T> {
    // An idle queue starts the task at once rather than a turn of the microtask queue later.
    const result = this.#busy === 0 ? runNow(task) : this.#tail.then(task);
    this.#busy++;
    const settled = (): void => {
      this.#busy--;
    };
    this.#tail = result.then(settled, settled);
    return result;
  }
}

function runNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
