import type { ScenarioProgress } from '../simulation/run-scenario.js';
import { clockTime, count } from './format.js';

/** Show nothing for runs shorter than this. */
const QUIET_MS = 300;
/** Redraw at most this often. */
const REDRAW_MS = 100;
const WIDTH = 30;

export interface ProgressBar {
  readonly update: (progress: ScenarioProgress) => void;
  /** Clears the bar, if it was drawn. */
  readonly done: () => void;
}

/**
 * A progress bar on standard error, only when it is a terminal and only once the run has taken
 * longer than a moment; otherwise it writes nothing at all.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  const started = performance.now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update({ atMs, endMs, loginsTried }) {
      const now = performance.now();
      if (now - started < QUIET_MS || now - drawnAt < REDRAW_MS) return;
      drawnAt = now;
      drawn = true;
      const filled = Math.round((atMs / endMs) * WIDTH);
      const bar = '█'.repeat(filled) + '░'.repeat(WIDTH - filled);
      stream.write(`\r\x1b[K${bar} ${Math.round((atMs / endMs) * 100)}%  virtual ${clockTime(atMs)}  ${count(loginsTried)} logins`);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
