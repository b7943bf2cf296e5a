import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, it } from 'vitest';

/** An outside program a test needs (a database server, a C compiler, tshark, a browser). */
export interface ExternalProgram {
  readonly name: string;
  /** Where it was found; undefined when it is missing. */
  readonly path: string | undefined;
  /** Why the cases that need it cannot run, when it is missing. */
  readonly missing: string | undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Looks for `name` on PATH, then in `alsoIn` (Debian keeps PostgreSQL's server programs in
 * /usr/lib/postgresql/<version>/bin, off PATH). `hint` says how to get it.
 */
export function findProgram(
  name: string,
  options: { alsoIn?: readonly string[]; hint?: string } = {},
): ExternalProgram {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter).filter((d) => d !== ''), ...(options.alsoIn ?? [])];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (executable(path)) return { name, path, missing: undefined };
  }
  const hint = options.hint === undefined ? '' : ` (${options.hint})`;
  return { name, path: undefined, missing: `${name} is not installed${hint}` };
}

/** True under CI, where a missing outside program is a failure, never a skip. */
export const underCi = process.env['CI'] === 'true';

/**
 * `describe(title, body)` when every program is there. When one is missing: locally the cases are
 * skipped and the title says why; under `CI=true` one case fails saying what is missing.
 */
export function describeWith(programs: readonly ExternalProgram[], title: string, body: () => void): void {
  const missing = programs.map((p) => p.missing).filter((m): m is string => m !== undefined);
  if (missing.length === 0) {
    describe(title, body);
  } else if (underCi) {
    describe(title, () => {
      it('has the outside programs it needs', () => {
        throw new Error(`under CI=true nothing may be skipped: ${missing.join('; ')}`);
      });
    });
  } else {
    describe.skip(`${title} (skipped: ${missing.join('; ')})`, body);
  }
}
