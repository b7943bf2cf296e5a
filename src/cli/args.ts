import type { SweepAxes } from '../simulation/sweep.js';
import { closestMatch } from './closest-match.js';
import { parseSweepValues } from './sweep-values.js';
import { UsageError } from './usage-error.js';

/** The commands; `help` and `version` are also `--help` and `--version`. */
export const COMMANDS = ['simulate', 'trace', 'sweep', 'help', 'version'] as const;
export type Command = (typeof COMMANDS)[number];

interface OptionSpec {
  /** What the value is called in messages (`<n>`); no value for a switch. */
  readonly value?: string;
  readonly short?: string;
  /** The commands it means something to; every command when not given. */
  readonly only?: Command;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  seed: { value: '<n>' },
  devices: { value: '<n>' },
  'max-sessions': { value: '<n>' },
  'idle-timeout': { value: '<minutes>', only: 'sweep' },
  'inactivity-timeout': { value: '<minutes>', only: 'sweep' },
  workers: { value: '<n>', only: 'sweep' },
  queue: { value: '<postgres-url>', only: 'sweep' },
  'point-timeout': { value: '<s>', only: 'sweep' },
  hours: { value: '<h>' },
  json: {},
  trace: { value: '<device>', only: 'simulate' },
  mermaid: { value: '<file>' },
  pcap: { value: '<file>' },
  html: { value: '<file>', only: 'simulate' },
  'no-progress': {},
  help: { short: 'h' },
  version: { short: 'v' },
};

/** What the command line asks for. */
export interface CliArgs {
  readonly command: Command;
  readonly file: string | undefined;
  readonly seed: number | string | undefined;
  readonly devices: number | undefined;
  /** `null`: `--max-sessions none`. */
  readonly maxSessions: number | null | undefined;
  readonly hours: number | undefined;
  readonly json: boolean;
  /** The device to trace: `trace <device>`, or `simulate --trace <device>`. */
  readonly trace: string | undefined;
  readonly mermaid: string | undefined;
  /** `--pcap <file>`: the traced login's Sametime connection (port 1533) as a pcap file. */
  readonly pcap: string | undefined;
  /** `--html <file>`: the run as one HTML page. */
  readonly html: string | undefined;
  /** False for `--no-progress`. */
  readonly progress: boolean;
  /** `sweep`: the swept values (`--max-sessions 400..800:50`, `--idle-timeout 15,30,45`, ...). */
  readonly axes: SweepAxes | undefined;
  /** `sweep --workers <n>`. */
  readonly workers: number | undefined;
  /** `sweep --queue <postgres-url>`: the points through a PostgreSQL job queue. */
  readonly queue: string | undefined;
  /** `sweep --point-timeout <s>`: a queued point running longer is run again elsewhere. */
  readonly pointTimeout: number | undefined;
}

/** A PostgreSQL connection URL, as pg and pg-boss take it. */
export function postgresUrl(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^postgres(ql)?:\/\/[^\s]+$/.test(text)) {
    throw new UsageError(`${flag} takes a PostgreSQL URL, postgres://user@host:5432/database`);
  }
  return text;
}

/** The options of `simulate` and `trace` that mean nothing to a sweep. */
const NOT_SWEPT = ['mermaid', 'pcap'];

/** A value the sweep does not vary: one number (or `none`), not a list or a range. */
const ONE_VALUE = /^(\d+|none)$/;

/**
 * `sweep`'s axes from its options: a list or a range where the other commands take one value.
 * `--max-sessions` and `--devices` with one value set the scenario's field, as elsewhere.
 */
function sweepAxes(text: (name: string) => string | undefined): SweepAxes {
  const axis = (flag: string, whole: boolean, none: boolean): (number | null)[] | undefined => {
    const value = text(flag);
    if (value === undefined || ((flag === 'max-sessions' || flag === 'devices') && ONE_VALUE.test(value)))
      return undefined;
    return parseSweepValues(`--${flag}`, value, { whole, none });
  };
  const maxSessions = axis('max-sessions', true, true);
  const idleTimeoutMinutes = axis('idle-timeout', false, true);
  const inactivityTimeoutMinutes = axis('inactivity-timeout', false, true);
  const devices = axis('devices', true, false) as number[] | undefined;
  const axes: SweepAxes = {
    ...(maxSessions === undefined ? {} : { maxSessions }),
    ...(idleTimeoutMinutes === undefined ? {} : { idleTimeoutMinutes }),
    ...(inactivityTimeoutMinutes === undefined ? {} : { inactivityTimeoutMinutes }),
    ...(devices === undefined ? {} : { devices }),
  };
  if (Object.keys(axes).length === 0) {
    throw new UsageError(
      'sweep needs something to sweep: --max-sessions 400..800:50, --idle-timeout 15,30,45, --inactivity-timeout or --devices',
    );
  }
  return axes;
}

const HINT = 'run "bes-collab --help" for the commands and options';

function didYouMean(typed: string, known: readonly string[], prefix: string): string {
  const match = closestMatch(typed, known);
  return match === undefined ? `; ${HINT}` : `; did you mean ${prefix}${match}?`;
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n <= 0) {
    throw new UsageError(`${flag} must be a whole number above 0, got "${text}"`);
  }
  return n;
}

function positiveNumber(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UsageError(`${flag} must be a number above 0, got "${text}"`);
  }
  return n;
}

/** Splits the command line into options (by name, with their values) and positionals, in our words. */
function tokens(argv: readonly string[]): { options: Map<string, string | true>; positionals: string[] } {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  const shorts = new Map(
    Object.entries(OPTIONS).flatMap(([name, spec]) => (spec.short === undefined ? [] : [[spec.short, name]])),
  );
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (/^-[^-]/.test(arg) && !/^-\d/.test(arg)) {
      const name = shorts.get(arg.slice(1));
      if (name === undefined)
        throw new UsageError(`unknown option ${arg}${didYouMean(arg.slice(1), [...shorts.keys()], '-')}`);
      options.set(name, true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals === -1 ? undefined : equals);
    const spec = OPTIONS[name];
    if (spec === undefined)
      throw new UsageError(`unknown option --${name}${didYouMean(name, Object.keys(OPTIONS), '--')}`);
    if (spec.value === undefined) {
      if (equals !== -1) throw new UsageError(`--${name} takes no value, got "${arg.slice(equals + 1)}"`);
      options.set(name, true);
      continue;
    }
    const value = equals !== -1 ? arg.slice(equals + 1) : argv[i + 1];
    if (value === undefined || (equals === -1 && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value: --${name} ${spec.value}`);
    }
    if (equals === -1) i++;
    options.set(name, value);
  }
  return { options, positionals };
}

/** Reads `simulate [file] [options]`, `trace <device> [file] [options]` or `sweep [file] [options]`; throws `UsageError` for anything else. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const { options, positionals } = tokens(argv);
  const text = (name: string): string | undefined => {
    const value = options.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  const [typed, ...rest] = positionals;
  let command: Command;
  if (options.has('help') || typed === 'help') command = 'help';
  else if (options.has('version') || typed === 'version') command = 'version';
  else if (typed === undefined) throw new UsageError(`no command given; ${HINT}`);
  else if ((COMMANDS as readonly string[]).includes(typed)) command = typed as Command;
  else
    throw new UsageError(
      `unknown command "${typed}"${didYouMean(typed, [...COMMANDS, 'sametime-server', 'worker'], '')}`,
    );

  for (const name of options.keys()) {
    const only = OPTIONS[name]!.only;
    if (only !== undefined && command !== only && command !== 'help' && command !== 'version') {
      throw new UsageError(`--${name} is an option of "${only}", not of "${command}"`);
    }
  }
  if (command === 'sweep') {
    const named = NOT_SWEPT.find((name) => options.has(name));
    if (named !== undefined) throw new UsageError(`--${named} is an option of "simulate" and "trace", not of "sweep"`);
  }
  const sweeping = command === 'sweep';
  if (options.has('queue') && options.has('workers')) {
    throw new UsageError(
      '--workers is for a sweep on this machine; with --queue the points run on bes-collab worker processes',
    );
  }
  if (options.has('point-timeout') && !options.has('queue'))
    throw new UsageError('--point-timeout is for a sweep with --queue');
  /** The option's text, when a sweep does not sweep it. */
  const single = (name: string): string | undefined => {
    const value = text(name);
    return !sweeping || (value !== undefined && ONE_VALUE.test(value)) ? value : undefined;
  };
  let device: string | undefined = text('trace');
  let files = command === 'help' || command === 'version' ? [] : rest;
  if (command === 'trace') {
    [device, ...files] = rest;
    if (device === undefined) throw new UsageError('trace needs a device: bes-collab trace <device> [scenario.json]');
  }
  if (files.length > 1) throw new UsageError(`one scenario file at most, got also "${files.slice(1).join('", "')}"`);
  const seedText = text('seed');
  const maxText = single('max-sessions');
  return {
    command,
    file: files[0],
    seed:
      seedText !== undefined && Number.isSafeInteger(Number(seedText)) && /^-?\d+$/.test(seedText)
        ? Number(seedText)
        : seedText,
    devices: positiveInteger('--devices', single('devices')),
    maxSessions: maxText === 'none' ? null : positiveInteger('--max-sessions', maxText),
    hours: positiveNumber('--hours', text('hours')),
    json: options.has('json'),
    trace: device,
    mermaid: text('mermaid'),
    pcap: text('pcap'),
    html: text('html'),
    progress: !options.has('no-progress'),
    axes: sweeping ? sweepAxes(text) : undefined,
    workers: positiveInteger('--workers', text('workers')),
    queue: postgresUrl('--queue', text('queue')),
    pointTimeout: positiveInteger('--point-timeout', text('point-timeout')),
  };
}
