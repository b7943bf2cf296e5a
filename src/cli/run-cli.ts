import { writeFile } from 'node:fs/promises';
import { ConfigError } from '../config/config-error.js';
import { devicePin } from '../simulation/population.js';
import type { ScenarioResult } from '../simulation/result.js';
import { runScenario, type ScenarioProgress } from '../simulation/run-scenario.js';
import type { Scenario } from '../simulation/scenario.js';
import { parseCliArgs, type CliArgs } from './args.js';
import { chartSlices, renderChart } from './chart.js';
import { loadScenario } from './load-scenario.js';
import { renderHtmlReport } from './html-report.js';
import { renderMermaid } from './mermaid.js';
import { tracedLoginPcap, type TracedLoginPcap } from './pcap-output.js';
import { progressBar } from './progress.js';
import { runSametimeServerCommand } from './sametime-server-command.js';
import { renderSummary, type WallFigures } from './summary.js';
import { sweepCommand } from './sweep-command.js';
import { escapeControls, terminalOf, type Terminal } from './terminal.js';
import { renderTrace } from './trace-printer.js';
import { USAGE, packageVersion, versionText } from './usage.js';
import { runWorkerCommand } from './worker-command.js';
import { UsageError } from './usage-error.js';

/** Exit code of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
const INTERRUPTED = 130;

/** Thrown from the progress callback to stop a run when the user pressed Ctrl-C. */
class Interrupted extends Error {
  override readonly name = 'Interrupted';
}

/** The trace's device: a PIN (`21000001`), a device number (`1`) or a user id (`user1`). */
function tracedPin(spec: string, scenario: Scenario, flag: string): string {
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
      `${flag} ${spec}: no such device; give a PIN (${devicePin(1)} to ${devicePin(users)}), a number (1 to ${users}) or a user id (user1 to user${users})`,
    );
  }
  return devicePin(n);
}

/** The JSON document `--json` prints: the result, then the wall-time figures (which vary run to run). */
function jsonReport(result: ScenarioResult, wall: WallFigures): string {
  return `${JSON.stringify({ ...result, wall }, null, 2)}\n`;
}

/** Lets the event loop run (so a Ctrl-C is heard), then stops the run if there was one. */
function yieldToSignals(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    setImmediate(() => (signal?.aborted === true ? reject(new Interrupted('interrupted')) : resolve()));
  });
}

interface Run {
  readonly result: ScenarioResult;
  readonly wall: WallFigures;
}

async function simulate(
  args: CliArgs,
  scenario: Scenario,
  out: Terminal,
  err: NodeJS.WriteStream,
  pcap: TracedLoginPcap | undefined,
  signal?: AbortSignal,
): Promise<Run> {
  const traced =
    args.trace === undefined
      ? undefined
      : tracedPin(args.trace, scenario, args.command === 'trace' ? 'trace' : '--trace');
  const wantTrace = traced !== undefined || args.mermaid !== undefined || args.html !== undefined || pcap !== undefined;
  const charts = args.command === 'simulate' && !args.json;
  const progress = progressBar(err, { terminal: terminalOf(err), enabled: args.progress });
  const started = performance.now();
  try {
    const result = await runScenario(scenario, {
      onProgress: (p: ScenarioProgress) => {
        progress.update(p);
        return yieldToSignals(signal);
      },
      ...(wantTrace ? { traceLogin: traced === undefined ? {} : { pin: traced } } : {}),
      ...(pcap === undefined ? {} : { captureTracedLogin: pcap.captureTracedLogin }),
      // The HTML report's charts draw the 60 slices --json has; the terminal's join them to fit.
      ...(charts && args.html === undefined ? { timelineSlices: chartSlices(scenario, out.columns) } : {}),
    });
    const ms = performance.now() - started;
    return {
      result,
      wall: { ms: Math.round(ms), loginsPerSecond: ms > 0 ? Math.round((result.logins.tried * 1000) / ms) : 0 },
    };
  } finally {
    progress.done();
  }
}

/** What the command prints on standard output, and whether it found the login it was to trace. */
function report(args: CliArgs, { result, wall }: Run, out: Terminal): { text: string; traced: boolean } {
  const trace = result.trace;
  if (args.command === 'trace') {
    if (trace === undefined) return { text: '', traced: false };
    return {
      text: args.json ? `${JSON.stringify(trace, null, 2)}\n` : `${renderTrace(trace, out.columns)}\n`,
      traced: true,
    };
  }
  if (args.json) return { text: jsonReport(result, wall), traced: trace !== undefined };
  let text = `${renderSummary(result, wall, out.columns)}\n\n${renderChart(result, out.columns)}\n`;
  if (trace !== undefined && args.trace !== undefined) text += `\n${renderTrace(trace, out.columns)}\n`;
  return { text, traced: trace !== undefined };
}

/**
 * Runs the command line; returns the exit code. Writes to the given streams only. `signal`, when
 * it aborts (the CLI's Ctrl-C), stops a run at its next progress step: exit code 130.
 */
export async function runCli(
  argv: readonly string[],
  out: NodeJS.WriteStream = process.stdout,
  err: NodeJS.WriteStream = process.stderr,
  signal?: AbortSignal,
): Promise<number> {
  if (argv[0] === 'sametime-server')
    return runSametimeServerCommand(argv.slice(1), out, err, signal === undefined ? {} : { signal });
  if (argv[0] === 'worker') return runWorkerCommand(argv.slice(1), out, err, signal);
  try {
    const args = parseCliArgs(argv);
    if (args.command === 'help') {
      out.write(USAGE);
      return 0;
    }
    if (args.command === 'version') {
      out.write(versionText());
      return 0;
    }
    const scenario = await loadScenario(args);
    if (args.command === 'sweep') return await sweepCommand(args, scenario, out, err, signal);
    const outTerminal = terminalOf(out);
    const pcap = args.pcap === undefined ? undefined : tracedLoginPcap(scenario.backend === 'groupwise' ? 8300 : 1533);
    const run = await simulate(args, scenario, outTerminal, err, pcap, signal);
    const { text, traced } = report(args, run, outTerminal);
    out.write(text);
    const wanted =
      args.trace ?? (args.mermaid === undefined && args.pcap === undefined ? undefined : 'the first login');
    if (wanted !== undefined && !traced) {
      const who = args.trace === undefined ? 'no device' : `device ${tracedPin(args.trace, scenario, '--trace')} never`;
      err.write(`bes-collab: ${who} tried to log in during the virtual period: nothing to trace\n`);
      return 1;
    }
    const trace = run.result.trace;
    const files: Array<[file: string, text: string, what: string]> = [];
    if (trace !== undefined && args.mermaid !== undefined) {
      files.push([args.mermaid, renderMermaid(trace), `Mermaid sequence diagram of ${trace.pin}'s login`]);
    }
    if (args.html !== undefined)
      files.push([args.html, renderHtmlReport(run.result, run.wall, packageVersion()), 'HTML report']);
    for (const [file, contents, what] of files) {
      try {
        await writeFile(file, contents);
      } catch (error) {
        err.write(`bes-collab: cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
        return 1;
      }
      if (!args.json) out.write(`\n${what} written to ${file}\n`);
    }
    if (trace !== undefined && pcap !== undefined && args.pcap !== undefined) {
      const code = await pcap.write(args.pcap, trace, out, err, args.json);
      if (code !== 0) return code;
    }
    return 0;
  } catch (error) {
    if (error instanceof Interrupted || (signal?.aborted === true && error === signal.reason)) {
      err.write('bes-collab: interrupted\n');
      return INTERRUPTED;
    }
    if (error instanceof UsageError || error instanceof ConfigError) {
      // One line, whatever the scenario file or the command line put in the message.
      err.write(`bes-collab: ${escapeControls(error.message)}\n`);
      if (error instanceof ConfigError) return 2;
      if (error.showUsage) err.write(`\n${USAGE}`);
      return error.exitCode;
    }
    throw error;
  }
}
