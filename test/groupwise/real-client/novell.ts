import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findProgram, type ExternalProgram } from '../../support/external-program.js';

const run = promisify(execFile);

export const gcc = findProgram('gcc', { hint: 'Debian package gcc' });
export const pkgConfig = findProgram('pkg-config', { hint: 'Debian package pkg-config' });

/** libpurple (with its Novell GroupWise Messenger plugin), found through pkg-config. */
export function purpleLibrary(): ExternalProgram {
  const name = 'libpurple';
  if (pkgConfig.path === undefined)
    return { name, path: undefined, missing: 'libpurple cannot be looked up without pkg-config' };
  try {
    execFileSync(pkgConfig.path, ['--exists', 'purple', 'glib-2.0']);
    return { name, path: 'purple', missing: undefined };
  } catch {
    return { name, path: undefined, missing: 'libpurple is not installed (Debian package libpurple-dev)' };
  }
}

/** Compiles novell-login.c into a fresh temporary directory; `remove` deletes it (and the client's user directories). */
export async function compileClient(): Promise<{ binary: string; dir: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bes-collab-novell-'));
  const binary = join(dir, 'novell-login');
  const flags = execFileSync(pkgConfig.path!, ['--cflags', '--libs', 'purple', 'glib-2.0'], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  const source = new URL('./novell-login.c', import.meta.url).pathname;
  await run(gcc.path!, ['-o', binary, source, '-Wall', '-Werror', ...flags]);
  return { binary, dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let runs = 0;

/**
 * Runs the compiled client against 127.0.0.1:`port` with a user directory of its own; it signs off
 * `holdSeconds` after signing on and gives up on its own 10 s later. Resolves to what it printed.
 */
export async function runClient(
  client: { binary: string; dir: string },
  port: number,
  userId: string,
  password: string,
  holdSeconds = 0,
): Promise<string[]> {
  const userDir = join(client.dir, `user-${++runs}`);
  try {
    const { stdout } = await run(
      client.binary,
      [userDir, '127.0.0.1', String(port), userId, password, String(holdSeconds)],
      { timeout: 30_000 },
    );
    return stdout.split('\n').filter((l) => l !== '');
  } catch (error) {
    // A non-zero exit (a refused login) still printed what happened.
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout === undefined) throw error;
    return stdout.split('\n').filter((l) => l !== '');
  }
}
