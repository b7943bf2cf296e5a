/** Who a simulated Sametime server knows: a list of (user id, password), a record, or a lookup of the BES's own. */
export type SametimeUsers =
  | Iterable<readonly [userId: string, password: string]>
  | Readonly<Record<string, string>>
  | ((userId: string) => string | undefined);

/**
 * The users a simulated Sametime server knows: user id -> password. Users added or removed here
 * take precedence over the lookup it may have been given (a directory too large to list).
 */
export class UserDirectory {
  readonly #passwords = new Map<string, string>();
  readonly #lookup: ((userId: string) => string | undefined) | undefined;
  readonly #removed = new Set<string>();

  constructor(users: SametimeUsers = []) {
    if (typeof users === 'function') {
      this.#lookup = users;
      return;
    }
    this.#lookup = undefined;
    const entries = Symbol.iterator in users ? (users as Iterable<readonly [string, string]>) : Object.entries(users);
    for (const [userId, password] of entries) this.#passwords.set(userId, password);
  }

  add(userId: string, password: string): void {
    this.#removed.delete(userId);
    this.#passwords.set(userId, password);
  }

  /** Returns whether the user was known. Open sessions of the user stay open. */
  remove(userId: string): boolean {
    const known = this.has(userId);
    this.#passwords.delete(userId);
    if (this.#lookup !== undefined) this.#removed.add(userId);
    return known;
  }

  has(userId: string): boolean {
    return this.#password(userId) !== undefined;
  }

  /** Whether `password` is the user's; false for an unknown user. */
  verify(userId: string, password: string): boolean {
    const known = this.#password(userId);
    return known !== undefined && known === password;
  }

  #password(userId: string): string | undefined {
    const listed = this.#passwords.get(userId);
    if (listed !== undefined || this.#lookup === undefined || this.#removed.has(userId)) return listed;
    return this.#lookup(userId);
  }
}
