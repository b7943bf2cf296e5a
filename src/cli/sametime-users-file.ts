import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseBesUsers } from '../bes-users.js';
import { ConfigError } from '../config/config-error.js';
import { UsageError } from './usage-error.js';

const passwordMap = z.record(z.string().min(1).max(256), z.string().max(256));

/**
 * The users of `sametime-server --users <file>`: the user list `createBes` takes
 * (`[{ "userId": "alice", "password": "..." }]`), or an object of user id to password
 * (`{ "alice": "..." }`). A file that does not read or validate is a `UsageError` naming it.
 */
export async function loadSametimeUsers(file: string): Promise<[userId: string, password: string][]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read the users file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${file}: not JSON`);
  }
  if (Array.isArray(json)) {
    try {
      return parseBesUsers(json).map((u) => [u.userId, u.password]);
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
  }
  const parsed = passwordMap.safeParse(json);
  if (!parsed.success) {
    throw new UsageError(`${file}: expected a list of { "userId", "password" } or an object of user id to password`);
  }
  return Object.entries(parsed.data);
}
