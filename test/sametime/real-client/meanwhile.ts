import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findProgram, type ExternalProgram } from '../../support/external-program.js';

const run = promisify(execFile);

export const gcc = findProgram('gcc', { hint: 'Debian package gcc' });
export const pkgConfig = findProgram('pkg-config', { hint: 'Debian package pkg-config' });

/** The open-source Sametime client library, found through pkg-config. */
export function meanwhileLibrary(): ExternalProgram {
  const name = 'libmeanwhile';
  if (pkgConfig.path === undefined)
    return { name, path: undefined, missing: 'libmeanwhile cannot be looked up without pkg-config' };
  try {
    execFileSync(pkgConfig.path, ['--exists', 'meanwhile', 'glib-2.0']);
    return { name, path: 'meanwhile', missing: undefined };
  } catch {
    return { name, path: undefined, missing: 'libmeanwhile is not installed (Debian package libmeanwhile-dev)' };
  }
}

/** Compiles meanwhile-login.c into a fresh temporary directory; `remove` deletes it. */
export async function compileClient(): Promise<{ binary: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'bes-collab-meanwhile-'));
  const binary = join(dir, 'meanwhile-login');
  const flags = execFileSync(pkgConfig.path!, ['--cflags', '--libs', 'meanwhile', 'glib-2.0'], { encoding: 'utf8' })
    .trim()
    .split(/\s+/);
  const source = new URL('./meanwhile-login.c', import.meta.url).pathname;
  await run(gcc.path!, ['-o', binary, source, '-Wall', '-Werror', ...flags]);
  return { binary, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the client printed, one event per line. */
export interface ClientRun {
  readonly lines: readonly string[];
  /** The reason of its `stopped` line, as the library reports it (`0x80000211`). */
  readonly stopped: string | undefined;
  readonly loggedIn: boolean;
}

/** Runs the compiled client against 127.0.0.1:`port`; it gives up on its own after 10 s of silence. */
export async function runClient(
  binary: string,
  port: number,
  userId: string,
  password: string,
  waitMessages = 0,
): Promise<ClientRun> {
  const { stdout } = await run(binary, ['127.0.0.1', String(port), userId, password, String(waitMessages)], {
    timeout: 20_000,
  });
  const lines = stdout.split('\n').filter((l) => l !== '');
  const stopped = lines.find((l) => l.startsWith('stopped '))?.slice('stopped '.length);
  return { lines, stopped, loggedIn: lines.includes('logged-in') };
}
