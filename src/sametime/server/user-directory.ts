/** The users a simulated Sametime server knows: user id -> password. */
export class UserDirectory {
  readonly #passwords = new Map<string, string>();

  constructor(users: Iterable<readonly [string, string]> = []) {
    for (const [userId, password] of users) this.#passwords.set(userId, password);
  }

  get size(): number {
    return this.#passwords.size;
  }

  add(userId: string, password: string): void {
    this.#passwords.set(userId, password);
  }

  /** Returns whether the user was known. Open sessions of the user stay open. */
  remove(userId: string): boolean {
    return this.#passwords.delete(userId);
  }

  has(userId: string): boolean {
    return this.#passwords.has(userId);
  }

  /** Whether `password` is the user's; false for an unknown user. */
  verify(userId: string, password: string): boolean {
    const known = this.#passwords.get(userId);
    return known !== undefined && known === password;
  }
}
