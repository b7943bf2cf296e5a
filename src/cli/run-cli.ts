import { writeFile } from 'node:fs/promises';
import { devicePin } from '../simulation/population.js';
import type { ScenarioResult } from '../simulation/result.js';
import { runScenario } from '../simulation/run-scenario.js';
import type { Scenario } from '../simulation/scenario.js';
import { parseCliArgs, USAGE } from './args.js';
import { renderChart } from './chart.js';
import { loadScenario } from './load-scenario.js';
import { renderMermaid } from './mermaid.js';
import { tracedLoginPcap } from './pcap-output.js';
import { progressBar } from './progress.js';
import { runSametimeServerCommand } from './sametime-server-command.js';
import { renderSummary, type WallFigures } from './summary.js';
import { renderTrace } from './trace-printer.js';
import { UsageError } from './usage-error.js';

/** `--trace`'s device: a PIN (`21000001`), a device number (`1`) or a user id (`user1`). */
function tracedPin(spec: string, scenario: Scenario): string {
  const users = scenario.users.count;
  const n = /^[0-9a-f]{8}$/i.test(spec)
    ? Number.parseInt(spec, 16) - 0x21000000
    : /^\d+$/.test(spec)
      ? Number(spec)
      : /^user\d+$/.test(spec)
        ? Number(spec.slice(4))
        : Number.NaN;
  if (!(n >= 1 && n <= users)) {
    throw new UsageError(
      `--trace ${spec}: no such device; give a PIN (${devicePin(1)} to ${devicePin(users)}), a number (1 to ${users}) or a user id (user1 to user${users})`,
    );
  }
  return devicePin(n);
}

/** The JSON document `--json` prints: the result, then the wall-time figures (which vary run to run). */
function jsonReport(result: ScenarioResult, wall: WallFigures): string {
  return `${JSON.stringify({ ...result, wall }, null, 2)}\n`;
}

/** Runs the command line; returns the exit code. Writes to the given streams only. */
export async function runCli(
  argv: readonly string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
): Promise<number> {
  if (argv[0] === 'sametime-server') return runSametimeServerCommand(argv.slice(1), out, err);
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      out.write(USAGE);
      return 0;
    }
    const scenario = await loadScenario(args);
    const traced = args.trace === undefined ? undefined : tracedPin(args.trace, scenario);
    const wantTrace = traced !== undefined || args.mermaid !== undefined || args.pcap !== undefined;
    const pcap = args.pcap === undefined ? undefined : tracedLoginPcap();
    const progress = progressBar(err);
    const started = performance.now();
    let result: ScenarioResult;
    try {
      result = await runScenario(scenario, {
        onProgress: progress.update,
        ...(wantTrace ? { traceLogin: traced === undefined ? {} : { pin: traced } } : {}),
        ...(pcap === undefined ? {} : { captureTracedLogin: pcap.captureTracedLogin }),
      });
    } finally {
      progress.done();
    }
    const ms = performance.now() - started;
    const wall: WallFigures = {
      ms: Math.round(ms),
      loginsPerSecond: ms > 0 ? Math.round((result.logins.tried * 1000) / ms) : 0,
    };

    if (args.json) out.write(jsonReport(result, wall));
    else out.write(`${renderSummary(result, wall)}\n\n${renderChart(result)}\n`);

    if (wantTrace && result.trace === undefined) {
      err.write(`bes-collab: ${traced === undefined ? 'no device' : `device ${traced} never`} tried to log in during the virtual period: nothing to trace\n`);
      return 1;
    }
    if (result.trace !== undefined) {
      if (traced !== undefined && !args.json) out.write(`\n${renderTrace(result.trace)}\n`);
      if (args.mermaid !== undefined) {
        try {
          await writeFile(args.mermaid, renderMermaid(result.trace));
        } catch (error) {
          err.write(`bes-collab: cannot write ${args.mermaid}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
          return 1;
        }
        if (!args.json) out.write(`\nMermaid sequence diagram of ${result.trace.pin}'s login written to ${args.mermaid}\n`);
      }
      if (pcap !== undefined && args.pcap !== undefined) {
        const code = await pcap.write(args.pcap, result.trace, out, err, args.json);
        if (code !== 0) return code;
      }
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`bes-collab: ${error.message}\n`);
      if (error.showUsage) err.write(`\n${USAGE}`);
      return error.exitCode;
    }
    throw error;
  }
}
