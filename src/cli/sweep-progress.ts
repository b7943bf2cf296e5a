import { paint, type Terminal } from './terminal.js';

/** A sweep's progress on standard error: how many points are done. */
export interface SweepProgress {
  readonly update: (finished: number) => void;
  /** Clears the line, if anything was drawn, so the cursor is at the start of a clean line. */
  readonly done: () => void;
}

/**
 * `sweep: 3 of 27 points done (2 workers)` (or `(through the queue)`) on standard error, redrawn in place as points finish,
 * only on a terminal; on a `TERM=dumb` one without escape sequences. It draws at once: a sweep is
 * never over in a moment.
 */
export function sweepProgress(
  stream: NodeJS.WritableStream,
  terminal: Terminal,
  enabled: boolean,
  total: number,
  how: string,
): SweepProgress {
  if (!enabled || !terminal.interactive) return { update: () => {}, done: () => {} };
  let drawnLength = 0;
  const clear = (): string => (drawnLength === 0 ? '' : terminal.ansi ? '\r\x1b[K' : `\r${' '.repeat(drawnLength)}\r`);
  const draw = (finished: number): void => {
    const text = `sweep: ${finished} of ${total} points done (${how})`.slice(0, Math.max(0, terminal.columns - 1));
    stream.write(`${clear()}${paint(terminal, '36', text)}`);
    drawnLength = text.length;
  };
  draw(0);
  return {
    update: draw,
    done() {
      stream.write(clear());
      drawnLength = 0;
    },
  };
}
