/**
 * Wrong activation passwords, counted per user id as given (a user id the directory does not know
 * counts exactly as a known one does, so the count reveals nothing about who exists).
 */
export class WrongActivationCounters {
  readonly #wrong = new Map<string, number>();

  /** Wrong passwords counted for this user id. */
  count(userId: string): number {
    return this.#wrong.get(userId) ?? 0;
  }

  /** Counts one more wrong password; returns the new count. */
  addWrong(userId: string): number {
    const wrong = this.count(userId) + 1;
    this.#wrong.set(userId, wrong);
    return wrong;
  }

  /** The right password: the count starts afresh. */
  clear(userId: string): void {
    this.#wrong.delete(userId);
  }
}
