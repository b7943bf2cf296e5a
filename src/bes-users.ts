import { z } from 'zod';
import { ConfigError } from './config/config-error.js';
import { describeIssues } from './config/bes-config.js';

const userSchema = z.strictObject({
  userId: z.string().min(1).max(256),
  /** The user's IM server (Sametime) password. */
  password: z.string().max(256),
  /** Whether the Configuration Database permits the user to use the collaboration client. Default true. */
  collaboration: z.boolean().default(true),
  /** The enterprise activation password an administrator set. Default: the user's password. */
  activationPassword: z.string().max(256).exactOptional(),
});

export type BesUserInput = z.input<typeof userSchema>;
export type BesUser = z.output<typeof userSchema>;

/** Validates the user list; a bad entry throws `ConfigError` naming it (`users.2.userId`). */
export function parseBesUsers(input: unknown): BesUser[] {
  const parsed = z.array(userSchema).safeParse(input ?? []);
  if (!parsed.success) {
    const { message, fields } = describeIssues('users', parsed.error);
    throw new ConfigError(`invalid user list: ${message}`, fields);
  }
  const seen = new Set<string>();
  parsed.data.forEach((user, index) => {
    if (seen.has(user.userId)) {
      throw new ConfigError(`invalid user list: users.${index}.userId: ${user.userId} is listed twice`, [`users.${index}.userId`]);
    }
    seen.add(user.userId);
  });
  return parsed.data;
}
