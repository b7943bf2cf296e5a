/**
 * A PostgreSQL server of a test's own: `initdb` in a temporary directory, `postgres` on 127.0.0.1
 * and a free port, trust authentication on loopback only (initdb's own pg_hba: local socket,
 * 127.0.0.1 and ::1), no password anywhere. Run as an unprivileged user when the test runs as root
 * (PostgreSQL refuses root). `stop()` ends it and removes the directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findProgram } from './external-program.js';

/** Debian keeps the server programs off PATH, in /usr/lib/postgresql/<version>/bin: newest first. */
function debianBinDirs(): string[] {
  try {
    return readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join('/usr/lib/postgresql', version, 'bin'));
  } catch {
    return [];
  }
}

const hint = 'apt-get install postgresql';
export const initdbProgram = findProgram('initdb', { alsoIn: debianBinDirs(), hint });
export const postgresProgram = findProgram('postgres', { alsoIn: debianBinDirs(), hint });
/** Both programs a test server needs, for `describeWith`. */
export const postgresPrograms = [initdbProgram, postgresProgram];

/** The account to run the server as when we are root: `postgres` if there is one, else `nobody`. */
function unprivileged(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields !== undefined) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and there is no postgres or nobody account to run PostgreSQL as');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function run(program: string, args: string[], as: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // cwd: a directory the unprivileged user may enter (the repository may be in root's home).
    const child = spawn(program, args, { cwd: tmpdir(), stdio: ['ignore', 'ignore', 'pipe'], ...as });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} exited ${code}: ${stderr}`))));
  });
}

/** A running test server. */
export interface PostgresServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The superuser initdb made (trust authentication: no password). */
  readonly user: string;
  readonly database: string;
  /** What `new pg.Pool(...)` needs to reach it. */
  readonly connection: { host: string; port: number; user: string; database: string };
  /** Stops the server (fast shutdown) and starts it again on the same port and data. */
  restart(options?: { downMs?: number }): Promise<void>;
  /** Stops the server (fast shutdown: every client disconnected at once) without starting it again. */
  halt(): Promise<void>;
  /** Starts a halted server again. */
  resume(): Promise<void>;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** Starts a fresh server; rejects if it is not ready within `readyMs`. */
export async function startPostgresServer(options: { readyMs?: number } = {}): Promise<PostgresServer> {
  const initdb = initdbProgram.path;
  const postgres = postgresProgram.path;
  if (initdb === undefined || postgres === undefined) throw new Error(initdbProgram.missing ?? postgresProgram.missing);
  const as = unprivileged();
  const dir = mkdtempSync(join(tmpdir(), 'bes-collab-pg-'));
  const data = join(dir, 'data');
  const sockets = join(dir, 'sockets');
  mkdirSync(sockets);
  if (as !== undefined) for (const path of [dir, sockets]) chownSync(path, as.uid, as.gid);
  const user = 'bes';
  const database = 'postgres';
  await run(initdb, ['-D', data, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let log = '';

  const start = async (): Promise<void> => {
    // Durability off: a test's database is thrown away.
    const args = ['-D', data, '-k', sockets, '-h', '127.0.0.1', '-p', String(port)];
    args.push(
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    );
    const started = spawn(postgres, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], ...as });
    started.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
    child = started;
    const deadline = Date.now() + (options.readyMs ?? 30_000);
    for (;;) {
      if (started.exitCode !== null) throw new Error(`postgres exited ${started.exitCode}: ${log}`);
      const probe = new pg.Client({ host: '127.0.0.1', port, user, database });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.end();
        return;
      } catch {
        await probe.end().catch(() => {});
        if (Date.now() > deadline) throw new Error(`postgres was not ready in time: ${log}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };

  /**
   * Fast shutdown (SIGINT) disconnects every client at once, as a crash of the server would. Smart
   * shutdown (SIGTERM) lets clients still saying goodbye (a pool's `end()` resolves before its
   * sockets close) finish first, so none of them hears a FATAL with nobody listening; it falls
   * back to a fast one after two seconds.
   */
  const halt = async (how: 'fast' | 'smart' = 'fast'): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(how === 'fast' ? 'SIGINT' : 'SIGTERM');
    const late = how === 'smart' ? setTimeout(() => running.kill('SIGINT'), 2_000) : undefined;
    await exited;
    clearTimeout(late);
  };

  try {
    await start();
  } catch (error) {
    await halt();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    database,
    connection: { host: '127.0.0.1', port, user, database },
    halt: () => halt('fast'),
    resume: start,
    restart: async ({ downMs = 0 } = {}) => {
      await halt();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await start();
    },
    stop: async () => {
      await halt('smart');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
