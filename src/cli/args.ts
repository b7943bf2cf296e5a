import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

export const USAGE = `Usage: bes-collab simulate [scenario.json] [options]

Simulates a population of BlackBerry devices logging in to IBM Sametime through one BlackBerry
Enterprise Server, on virtual time, and shows what the admission rules did. Without a file it
runs the built-in default scenario.

Options:
  --seed <n>             the seed (same scenario and seed, same figures)
  --devices <n>          users, one device each (users.count)
  --max-sessions <n>     the BES maximum of simultaneous sessions, or "none"
  --hours <h>            the virtual period, in hours
  --json                 print the figures as one JSON document
  --trace <device>       print one device's first login hop by hop: a PIN (21000001),
                         a device number (1) or a user id (user1)
  --mermaid <file>       write that login (or the run's first) as a Mermaid sequence diagram
  --pcap <file>          write that login's Sametime connection (port 1533) as a pcap file
  -h, --help             this text

bes-collab sametime-server --users <users.json> runs the simulated Sametime server on
port 1533 for real Sametime clients (bes-collab sametime-server --help).
`;

/** What the command line asks for. */
export interface CliArgs {
  readonly help: boolean;
  readonly file: string | undefined;
  readonly seed: number | string | undefined;
  readonly devices: number | undefined;
  /** `null`: `--max-sessions none`. */
  readonly maxSessions: number | null | undefined;
  readonly hours: number | undefined;
  readonly json: boolean;
  readonly trace: string | undefined;
  readonly mermaid: string | undefined;
  readonly pcap: string | undefined;
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

/** Reads `simulate [file] [options]`; throws `UsageError` for anything it does not understand. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        seed: { type: 'string' },
        devices: { type: 'string' },
        'max-sessions': { type: 'string' },
        hours: { type: 'string' },
        json: { type: 'boolean', default: false },
        trace: { type: 'string' },
        mermaid: { type: 'string' },
        pcap: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, file, ...extra] = positionals;
  const help = values.help || command === 'help';
  if (!help && command !== 'simulate') {
    throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`, { showUsage: true });
  }
  if (extra.length > 0) throw new UsageError(`one scenario file at most, got also "${extra.join('", "')}"`);
  const seedText = values.seed;
  const maxText = values['max-sessions'];
  return {
    help,
    file,
    seed: seedText !== undefined && Number.isSafeInteger(Number(seedText)) && /^-?\d+$/.test(seedText) ? Number(seedText) : seedText,
    devices: positiveInteger('--devices', values.devices),
    maxSessions: maxText === 'none' ? null : positiveInteger('--max-sessions', maxText),
    hours: positiveNumber('--hours', values.hours),
    json: values.json,
    trace: values.trace,
    mermaid: values.mermaid,
    pcap: values.pcap,
  };
}
