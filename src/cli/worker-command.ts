import { runSweepWorker } from '../queue/sweep-worker-process.js';
import { SweepError } from '../simulation/sweep-error.js';
import { postgresUrl } from './args.js';
import { wallTime } from './format.js';
import { UsageError } from './usage-error.js';

export const WORKER_USAGE = `Usage: bes-collab worker <postgres-url>

Runs the points of sweeps started with "bes-collab sweep --queue <postgres-url>":
takes them from the PostgreSQL job queue (pg-boss 10) one at a time, runs each and
stores its result, until Ctrl-C. Start one per core, on as many machines as you
like; a point whose worker is lost is run again by another. Needs pg-boss 10 and
pg installed beside bes-collab (npm install pg-boss@10).

Options:
  -h, --help   this text
`;

/** Where the queue is, for people: host, port and database, never the user or a password. */
export function queuePlace(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url);
    return `${hostname}${port === '' ? '' : `:${port}`}${pathname === '' ? '' : pathname}`;
  } catch {
    return 'the database';
  }
}

/** `bes-collab worker <postgres-url>`: a line per point taken and answered; exit 130 on Ctrl-C or SIGTERM. */
export async function runWorkerCommand(
  argv: readonly string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  signal: AbortSignal | undefined,
): Promise<number> {
  // Ctrl-C (the CLI's signal) or SIGTERM, as a service manager stops it.
  const stopping = new AbortController();
  const stop = (): void => stopping.abort();
  signal?.addEventListener('abort', stop, { once: true });
  process.once('SIGTERM', stop);
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      out.write(WORKER_USAGE);
      return 0;
    }
    const unknown = argv.find((arg) => arg.startsWith('-'));
    if (unknown !== undefined)
      throw new UsageError(`unknown option ${unknown}; run "bes-collab worker --help" for its usage`);
    const positionals = argv;
    if (positionals.length !== 1) throw new UsageError('worker needs the queue: bes-collab worker <postgres-url>');
    const connectionString = postgresUrl('worker', positionals[0])!; // the one positional
    const started = new Map<string, number>();
    out.write(`bes-collab worker: taking sweep points from ${queuePlace(connectionString)}\n`);
    await runSweepWorker({
      connectionString,
      signal: stopping.signal,
      onPoint: ({ phase, sweep, index, label }) => {
        const key = `${sweep}/${index}`;
        const name = `point ${index} (${label}) of sweep ${sweep.slice(0, 8)}`;
        if (phase === 'start') {
          started.set(key, performance.now());
          out.write(`${name}: running\n`);
          return;
        }
        const ms = performance.now() - (started.get(key) ?? performance.now());
        started.delete(key);
        out.write(
          `${name}: ${phase === 'done' ? 'done' : 'failed (reported to the sweep)'} in ${wallTime(Math.round(ms))}\n`,
        );
      },
    });
    err.write('bes-collab: worker stopped\n');
    return 130;
  } catch (error) {
    if (error instanceof SweepError) {
      err.write(`bes-collab: ${error.message}\n`);
      return 1;
    }
    if (!(error instanceof UsageError)) throw error;
    err.write(`bes-collab: ${error.message}\n`);
    return error.exitCode;
  } finally {
    process.off('SIGTERM', stop);
  }
}
