import { z } from 'zod';
import { ConfigError } from './config/config-error.js';
import { describeIssues } from './config/bes-config.js';
import { ownData } from './config/own-data.js';
import { wellFormedCredential } from './crypto/credentials.js';

/** A user id or password: well-formed Unicode (no lone surrogate), at most 256 UTF-16 units. */
const credential = z
  .string()
  .max(256)
  .refine(wellFormedCredential, 'must be well-formed Unicode (a lone surrogate is not)');

/**
 * The schema of one entry of the BES's user list (`createBes({ users })`, a scenario's users):
 * strict, so a misspelt field is refused rather than ignored.
 */
export const userSchema = z.strictObject({
  /** The user's id in the enterprise directory, which is also their IM server login name. */
  userId: credential.min(1),
  /** The user's IM server (Sametime) password. */
  password: credential,
  /** Whether the Configuration Database permits the user to use the collaboration client. Default true. */
  collaboration: z.boolean().default(true),
  /** The enterprise activation password an administrator set. Default: the user's password. */
  activationPassword: credential.exactOptional(),
});

/** One user as a list gives it: `collaboration` and `activationPassword` may be left out. */
export type BesUserInput = z.input<typeof userSchema>;
/** One user of the BES's directory, with its defaults filled in. */
export type BesUser = z.output<typeof userSchema>;

/**
 * The enterprise directory the BES reads its users from: their IM password, whether they may use
 * the collaboration client, their activation password. A list given to `createBes` becomes one;
 * a simulator with millions of users gives its own, which answers without holding them all.
 */
export interface BesDirectory {
  /** The user, or undefined for an unknown user id. */
  find(userId: string): BesUser | undefined;
}

/** A directory over a validated list. */
class ListedUsers implements BesDirectory {
  readonly #users: Map<string, BesUser>;

  constructor(users: readonly BesUser[]) {
    this.#users = new Map(users.map((user) => [user.userId, user]));
  }

  find(userId: string): BesUser | undefined {
    return this.#users.get(userId);
  }
}

/** Whether `users` is a directory of the caller's own rather than a list. */
function isDirectory(users: unknown): users is BesDirectory {
  return (
    typeof users === 'object' &&
    users !== null &&
    !Array.isArray(users) &&
    typeof (users as BesDirectory).find === 'function'
  );
}

/** The BES's directory: the caller's own, or a validated list (see `parseBesUsers`). */
export function besDirectory(users: readonly BesUserInput[] | BesDirectory | undefined): BesDirectory {
  return isDirectory(users) ? users : new ListedUsers(parseBesUsers(users));
}

/**
 * Validates the user list; a bad entry throws `ConfigError` naming it (`users.2.userId`). Only own
 * properties are read, and each user comes back with a null prototype.
 */
export function parseBesUsers(input: unknown): BesUser[] {
  const parsed = z.array(userSchema).safeParse(ownData(input ?? []));
  if (!parsed.success) {
    const { message, fields } = describeIssues('users', parsed.error);
    throw new ConfigError(`invalid user list: ${message}`, fields);
  }
  const seen = new Set<string>();
  parsed.data.forEach((user, index) => {
    if (seen.has(user.userId)) {
      throw new ConfigError(`invalid user list: users.${index}.userId: ${user.userId} is listed twice`, [
        `users.${index}.userId`,
      ]);
    }
    seen.add(user.userId);
  });
  return ownData(parsed.data);
}
