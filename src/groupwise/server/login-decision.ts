import type { Clock } from '../../time/clock.js';
import { ResultCode } from '../wire/result-code.js';
import type { GroupWiseUsers } from './server-options.js';

interface WrongPasswords {
  count: number;
  lockedUntil: number;
}

/**
 * The server's users and the login rules: unknown, disabled, locked out after too many wrong
 * passwords in a row (ACCESS_DENIED until the lockout passes, right password or not), wrong
 * password (PASSWORD_INVALID). A right password clears the count.
 */
export class GroupWiseAccounts {
  readonly #lookup: (userId: string) => string | undefined;
  readonly #added = new Map<string, string>();
  readonly #removed = new Set<string>();
  readonly #disabled = new Set<string>();
  readonly #wrong = new Map<string, WrongPasswords>();
  readonly #clock: Clock;
  readonly maxWrongPasswords: number;
  readonly lockoutMs: number;

  constructor(users: GroupWiseUsers, clock: Clock, maxWrongPasswords: number, lockoutMs: number) {
    this.#lookup = typeof users === 'function' ? users : (id) => (Object.hasOwn(users, id) ? users[id] : undefined);
    this.#clock = clock;
    this.maxWrongPasswords = maxWrongPasswords;
    this.lockoutMs = lockoutMs;
  }

  #password(userId: string): string | undefined {
    if (this.#removed.has(userId)) return undefined;
    return this.#added.get(userId) ?? this.#lookup(userId);
  }

  has(userId: string): boolean {
    return this.#password(userId) !== undefined;
  }

  add(userId: string, password: string): void {
    this.#removed.delete(userId);
    this.#added.set(userId, password);
  }

  remove(userId: string): boolean {
    const had = this.has(userId);
    this.#added.delete(userId);
    this.#removed.add(userId);
    return had;
  }

  setDisabled(userId: string, disabled: boolean): void {
    if (disabled) this.#disabled.add(userId);
    else this.#disabled.delete(userId);
  }

  /** Whether the user is locked out now. */
  locked(userId: string): boolean {
    const wrong = this.#wrong.get(userId);
    return wrong !== undefined && wrong.lockedUntil > this.#clock.now();
  }

  /** The login's result code before capacity is considered: 0 for right credentials. */
  check(userId: string, password: string): number {
    if (userId === '' || password === '') return ResultCode.credentialsMissing;
    const expected = this.#password(userId);
    if (expected === undefined) return ResultCode.userNotFound;
    if (this.#disabled.has(userId)) return ResultCode.userDisabled;
    const now = this.#clock.now();
    const wrong = this.#wrong.get(userId);
    if (wrong !== undefined && wrong.lockedUntil > now) return ResultCode.accessDenied;
    if (password !== expected) {
      const record = wrong === undefined || wrong.lockedUntil !== 0 ? { count: 0, lockedUntil: 0 } : wrong;
      record.count++;
      if (record.count >= this.maxWrongPasswords) record.lockedUntil = now + this.lockoutMs;
      this.#wrong.set(userId, record);
      return ResultCode.passwordInvalid;
    }
    this.#wrong.delete(userId);
    return ResultCode.ok;
  }
}
