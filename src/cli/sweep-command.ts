import { availableParallelism } from 'node:os';
import { runSweepOnQueue } from '../queue/queued-sweep.js';
import { runSweep } from '../simulation/run-sweep.js';
import type { Scenario } from '../simulation/scenario.js';
import type { SweepResult } from '../simulation/sweep.js';
import { sweepPoints } from '../simulation/sweep.js';
import { SweepError } from '../simulation/sweep-error.js';
import type { CliArgs } from './args.js';
import { count, wallTime, wrap } from './format.js';
import { renderSweepChart } from './sweep-chart.js';
import { sweepProgress } from './sweep-progress.js';
import { AXIS_TEXT, renderSweepTable, sweptAxes } from './sweep-table.js';
import { MIN_COLUMNS, escapeControls, terminalOf } from './terminal.js';
import { UsageError } from './usage-error.js';
import { queuePlace } from './worker-command.js';

/** How long a sweep took on the wall clock, and on how many threads or through which queue: measured by the CLI. */
export interface SweepWall {
  readonly ms: number;
  /** Worker threads, for a sweep on this machine. */
  readonly workers?: number;
  /** `host:port/database`, for a sweep through a queue. */
  readonly queue?: string;
}

function wallLine(wall: SweepWall): string {
  const where =
    wall.queue === undefined
      ? `on ${wall.workers} worker${wall.workers === 1 ? '' : 's'}`
      : `through the queue at ${wall.queue}`;
  return `  Wall time  ${wallTime(wall.ms)} ${where}`;
}

/** The sweep for a person: what was swept, a row per point, the Server Busy chart, the wall time. */
export function renderSweep(sweep: SweepResult, wall: SweepWall, columns: number): string {
  const width = Math.max(MIN_COLUMNS, columns);
  const { scenario } = sweep;
  const over = sweptAxes(sweep)
    .map((axis) => AXIS_TEXT[axis].title)
    .join(' x ');
  const head = `bes-collab sweep: scenario "${escapeControls(scenario.name)}", seed ${escapeControls(JSON.stringify(scenario.seed))}; ${count(sweep.points.length)} points over ${over}`;
  return [
    ...wrap(head, width, '', '  '),
    '',
    renderSweepTable(sweep),
    '',
    renderSweepChart(sweep, columns),
    '',
    wallLine(wall),
  ].join('\n');
}

/** The document `--json` prints: the sweep (each point's figures under `result`), then the wall time. */
export function sweepJson(sweep: SweepResult, wall: SweepWall): string {
  const points = sweep.points.map(({ scenario: _inResult, ...point }) => point);
  return `${JSON.stringify({ scenario: sweep.scenario, axes: sweep.axes, points, wall }, null, 2)}\n`;
}

/**
 * `bes-collab sweep`: every point on worker threads, a progress line on standard error, then the
 * table and chart (or `--json`). A point that does not validate is a usage error (exit 2); a point
 * that fails, exit 1. Rejects with the signal's reason when it aborts.
 */
export async function sweepCommand(
  args: CliArgs,
  scenario: Scenario,
  out: NodeJS.WriteStream,
  err: NodeJS.WriteStream,
  signal: AbortSignal | undefined,
): Promise<number> {
  const axes = args.axes!;
  let total: number;
  try {
    total = sweepPoints(scenario, axes).length;
  } catch (error) {
    if (error instanceof SweepError) throw new UsageError(error.message);
    throw error;
  }
  const queue = args.queue;
  const workers = Math.min(args.workers ?? availableParallelism(), total);
  const progress = sweepProgress(
    err,
    terminalOf(err),
    args.progress,
    total,
    queue === undefined ? `${workers} worker${workers === 1 ? '' : 's'}` : 'through the queue',
  );
  const started = performance.now();
  const onPoint = (_point: unknown, finished: number): void => progress.update(finished);
  let sweep: SweepResult;
  try {
    sweep =
      queue === undefined
        ? await runSweep(scenario, axes, { workers, ...(signal === undefined ? {} : { signal }), onPoint })
        : await runSweepOnQueue(scenario, axes, {
            connectionString: queue,
            ...(args.pointTimeout === undefined ? {} : { pointTimeoutSeconds: args.pointTimeout }),
            ...(signal === undefined ? {} : { signal }),
            onPoint,
          });
  } catch (error) {
    if (!(error instanceof SweepError)) throw error;
    progress.done();
    err.write(`bes-collab: ${escapeControls(error.message)}\n`);
    return 1;
  } finally {
    progress.done();
  }
  const ms = Math.round(performance.now() - started);
  const wall: SweepWall = queue === undefined ? { ms, workers } : { ms, queue: queuePlace(queue) };
  out.write(args.json ? sweepJson(sweep, wall) : `${renderSweep(sweep, wall, terminalOf(out).columns)}\n`);
  return 0;
}
