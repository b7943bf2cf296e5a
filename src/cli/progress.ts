import type { ScenarioProgress } from '../simulation/run-scenario.js';
import { clockTime, count } from './format.js';
import { paint, type Terminal } from './terminal.js';

/** Show nothing for runs shorter than this. */
const QUIET_MS = 300;
/** Redraw at most this often. */
const REDRAW_MS = 100;
/** The bar is never wider than this, nor narrower than `MIN_BAR` (it is left out below that). */
const MAX_BAR = 40;
const MIN_BAR = 10;

export interface ProgressBar {
  readonly update: (progress: ScenarioProgress) => void;
  /** Clears the line, if anything was drawn, so the cursor is at the start of a clean line. */
  readonly done: () => void;
}

export interface ProgressBarOptions {
  readonly terminal: Terminal;
  /** False for `--no-progress`. */
  readonly enabled: boolean;
  /** Wall time in milliseconds; the CLI's, never the simulation's. */
  readonly now?: () => number;
}

/** What the line says besides the bar, most important first; the later parts go when space is short. */
function describe(progress: ScenarioProgress): { share: number; parts: string[] } {
  if (progress.phase === 'setup') {
    const share = progress.devices === 0 ? 1 : progress.devicesReady / progress.devices;
    return {
      share,
      parts: [
        `${Math.floor(share * 100)}%`,
        `setting up devices`,
        `${count(progress.devicesReady)} of ${count(progress.devices)}`,
      ],
    };
  }
  const share = progress.endMs === 0 ? 1 : progress.atMs / progress.endMs;
  return {
    share,
    parts: [
      `${Math.floor(share * 100)}%`,
      `virtual ${clockTime(progress.atMs)}`,
      `${count(progress.loginsTried)} logins`,
    ],
  };
}

/**
 * The line for a terminal `columns` wide: at most `columns - 1` characters, so the terminal never
 * wraps it (a wrapped line cannot be taken back with a carriage return).
 */
export function progressLine(
  progress: ScenarioProgress,
  columns: number,
): { bar: number; filled: number; text: string } {
  const { share, parts } = describe(progress);
  const room = columns - 1;
  for (let keep = parts.length; keep >= 1; keep--) {
    const text = parts.slice(0, keep).join('  ');
    const bar = Math.min(MAX_BAR, room - text.length - 1);
    if (bar >= MIN_BAR) return { bar, filled: Math.round(share * bar), text };
    if (keep === 1 && text.length <= room) return { bar: 0, filled: 0, text };
  }
  return { bar: 0, filled: 0, text: '' };
}

/**
 * A progress bar on standard error, fitted to the terminal's width, only when it is a terminal and
 * only once the run has taken longer than a moment; otherwise it writes nothing at all. On a
 * `TERM=dumb` terminal it redraws with a carriage return and spaces, without escape sequences.
 */
export function progressBar(stream: NodeJS.WritableStream, options: ProgressBarOptions): ProgressBar {
  const { terminal } = options;
  if (!options.enabled || !terminal.interactive) return { update: () => {}, done: () => {} };
  const now = options.now ?? (() => performance.now());
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawnLength = 0;
  const clear = (): string => (terminal.ansi ? '\r\x1b[K' : `\r${' '.repeat(drawnLength)}\r`);
  return {
    update(progress) {
      const at = now();
      if (at - started < QUIET_MS || at - drawnAt < REDRAW_MS) return;
      drawnAt = at;
      const { bar, filled, text } = progressLine(progress, terminal.columns);
      const drawn =
        bar === 0 ? text : `${paint(terminal, '36', '█'.repeat(filled))}${'░'.repeat(bar - filled)} ${text}`;
      const length = bar === 0 ? text.length : bar + 1 + text.length;
      stream.write(`${clear()}${drawn}`);
      drawnLength = length;
    },
    done() {
      if (drawnLength > 0) stream.write(clear());
      drawnLength = 0;
    },
  };
}
