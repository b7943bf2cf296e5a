/**
 * Runs admission decisions one at a time, so that two logins arriving together can never both see
 * the last free slot. Only the decision and the reservation run inside; the slow part of a login
 * (the IM server) runs outside, concurrently.
 */
export class AdmissionGate {
  #tail: Promise<unknown> = Promise.resolve();
  /** Runs started and not yet settled. */
  #busy = 0;

  run<T>(decide: () => Promise<T>): Promise<T> {
    // An idle gate starts the run at once rather than a turn of the microtask queue later.
    const result = this.#busy === 0 ? runNow(decide) : this.#tail.then(decide);
    this.#busy++;
    const settled = (): void => {
      this.#busy--;
    };
    this.#tail = result.then(settled, settled);
    return result;
  }
}

function runNow<T>(decide: () => Promise<T>): Promise<T> {
  try {
    return decide();
  } catch (error) {
    return Promise.reject(error);
  }
}
