import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { TraceEvent } from '../pipeline/trace.js';
import { createRandom } from '../random/seeded-random.js';
import { AuthType, type PasswordAuthType } from '../sametime/auth/auth-type.js';
import { PcapRecorder } from '../sametime/capture/pcap-recorder.js';
import type { ServerLoginRecord } from '../sametime/server/login-decision.js';
import { SametimeServer } from '../sametime/server/sametime-server.js';
import type { SametimeListener } from '../sametime/server/tcp-listener.js';
import { formatReasonCode, ReasonCode } from '../sametime/wire/reason-code.js';
import { SystemClock } from '../time/system-clock.js';
import { clockTime, count } from './format.js';
import { loadSametimeUsers } from './sametime-users-file.js';
import { escapeControls } from './terminal.js';
import { UsageError } from './usage-error.js';

export const SAMETIME_SERVER_USAGE = `Usage: bes-collab sametime-server --users <users.json> [options]

Runs the simulated IBM Sametime server on a TCP port, for real Sametime clients and for
SametimeAdapter with a TcpConnector. It speaks the protocol's own login (DH-RC2/128 and RC2/40)
and logs every login and its outcome. Ctrl-C closes every session with CHANNEL_DESTROY and stops.
It is a test server: keys come from --seed, passwords are held in memory as the file gives them.

Options:
  --users <file>       [{"userId": "alice", "password": "..."}] or {"alice": "..."}
  --port <n>           the TCP port (default 1533; 0: any free port)
  --host <address>     the address to listen on (default 127.0.0.1: this machine only)
  --capacity <n>       sessions open at once at most (default 10000); more get 0x8000020b
  --auth <types>       dh-rc2-128,rc2-40 (default both); rc2-40 alone offers no DH key
  --pcap <file>        write every connection, both ways, to a pcap file when it stops
  --seed <n>           the seed of the server's keys and magics (default 1533)
  -h, --help           this text
`;

const AUTH_NAMES: Readonly<Record<string, PasswordAuthType>> = {
  'dh-rc2-128': AuthType.rc2_128,
  'rc2-40': AuthType.rc2_40,
};

function whole(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number >= ${min}, got "${text}"`);
  return n;
}

function authTypes(text: string | undefined): PasswordAuthType[] {
  if (text === undefined) return [AuthType.rc2_128, AuthType.rc2_40];
  const names = text.split(',').map((t) => t.trim());
  const unknown = names.filter((n) => AUTH_NAMES[n] === undefined);
  if (unknown.length > 0 || names.length === 0)
    throw new UsageError(`--auth takes dh-rc2-128 and/or rc2-40, got "${text}"`);
  return names.map((n) => AUTH_NAMES[n]!);
}

/** Resolves when `signal` aborts (Ctrl-C, or the caller's signal). */
function stopped(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/** A signal that aborts on SIGINT or SIGTERM, and a function that stops listening for them. */
function interrupts(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const release = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
  return { signal: controller.signal, release };
}

/** `bes-collab sametime-server ...`; resolves with the exit code once the server has stopped. */
export async function runSametimeServerCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  options: { readonly signal?: AbortSignal } = {},
): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        users: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        capacity: { type: 'string' },
        auth: { type: 'string' },
        pcap: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      out.write(SAMETIME_SERVER_USAGE);
      return 0;
    }
    if (values.users === undefined) throw new UsageError('--users <users.json> is required', { showUsage: true });
    return await serve({
      users: await loadSametimeUsers(values.users),
      port: whole('--port', values.port, 1533, 0),
      host: values.host ?? '127.0.0.1',
      capacity: whole('--capacity', values.capacity, 10_000, 0),
      authTypes: authTypes(values.auth),
      pcap: values.pcap,
      seed: values.seed ?? '1533',
      out,
      err,
      signal: options.signal,
    });
  } catch (error) {
    const usage =
      error instanceof UsageError
        ? error
        : error instanceof TypeError && 'code' in error
          ? new UsageError(error.message, { showUsage: true })
          : undefined;
    if (usage === undefined) throw error;
    err.write(`bes-collab sametime-server: ${escapeControls(usage.message)}\n`);
    if (usage.showUsage) err.write(`\n${SAMETIME_SERVER_USAGE}`);
    return usage.exitCode;
  }
}

interface ServeOptions {
  readonly users: [string, string][];
  readonly port: number;
  readonly host: string;
  readonly capacity: number;
  readonly authTypes: PasswordAuthType[];
  readonly pcap: string | undefined;
  readonly seed: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly signal: AbortSignal | undefined;
}

async function serve(o: ServeOptions): Promise<number> {
  const clock = new SystemClock();
  // A line may quote what a client sent (its user id): control characters are escaped, so a client cannot drive the terminal.
  const log = (line: string): void =>
    void o.out.write(`${clockTime(clock.now() % 86_400_000, true)} UTC  ${escapeControls(line)}\n`);
  const users = new Map<string, string>();
  const onLogin = (r: ServerLoginRecord): void => {
    if (r.reasonCode === undefined) users.set(r.connectionId, r.userId);
    const outcome = r.reasonCode === undefined ? 'accepted' : `refused ${formatReasonCode(r.reasonCode)} ${r.outcome}`;
    log(`${r.connectionId}  login ${r.userId} (${r.authType}): ${outcome}`);
  };
  const observe = (e: TraceEvent): void => {
    if (e.action === 'session-closed' && e.outcome !== undefined) {
      log(`${e.outcome}  session of ${users.get(e.outcome) ?? '?'} closed`);
      users.delete(e.outcome);
    } else if (e.action === 'dropped' && e.outcome === 'login-timeout') {
      log('a connection that never logged in was dropped');
    }
  };
  const server = new SametimeServer({
    clock,
    random: createRandom(/^-?\d+$/.test(o.seed) ? Number(o.seed) : o.seed).fork('sametime-server'),
    capacity: o.capacity,
    users: o.users,
    authTypes: o.authTypes,
    onLogin,
    observe,
  });
  const recorder = o.pcap === undefined ? undefined : new PcapRecorder({ clock });
  let listener: SametimeListener;
  try {
    listener = await server.listen({
      host: o.host,
      port: o.port,
      ...(recorder === undefined ? {} : { capture: recorder.capture }),
    });
  } catch (error) {
    o.err.write(
      `bes-collab sametime-server: cannot listen on ${o.host}:${o.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
    return 1;
  }
  const auth = o.authTypes.map((t) => (t === AuthType.rc2_128 ? 'dh-rc2-128' : 'rc2-40')).join(', ');
  log(
    `listening on ${listener.host}:${listener.port} (auth ${auth}; ${count(o.users.length)} users; capacity ${count(o.capacity)}); Ctrl-C stops it`,
  );
  // Ctrl-C or SIGTERM stops it, and so does the caller's signal (the CLI's own Ctrl-C).
  const own = interrupts();
  try {
    await Promise.race(o.signal === undefined ? [stopped(own.signal)] : [stopped(own.signal), stopped(o.signal)]);
  } finally {
    own.release();
  }
  log(`stopping: CHANNEL_DESTROY to ${count(server.openSessionCount)} sessions`);
  await listener.close(ReasonCode.success);
  if (recorder !== undefined && o.pcap !== undefined) {
    await writeFile(o.pcap, recorder.finish());
    log(`${count(recorder.packets)} packets written to ${o.pcap}`);
  }
  log('stopped');
  return 0;
}
