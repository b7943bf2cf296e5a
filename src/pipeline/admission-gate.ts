/**
 * Runs admission decisions one at a time, so that two logins arriving together can never both see
 * the last free slot. Only the decision and the reservation run inside; the slow part of a login
 * (the IM server) runs outside, concurrently.
 */
export class AdmissionGate {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(decide: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(decide);
    this.#tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
