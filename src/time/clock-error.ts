import { BesError } from '../errors.js';

/**
 * Why the clock refused: a runaway loop of sleepers, a duration that is not a finite number of milliseconds,
 * or an advance while one is running.
 */
export type ClockErrorCode = 'loop-limit' | 'bad-duration' | 'reentrant';

/** A misuse of a clock: a negative or non-finite duration, a runaway loop of timers, or advancing a clock that is already being advanced. */
export class ClockError extends BesError {
  override readonly name = 'ClockError';
  /** Why the clock refused. */
  readonly code: ClockErrorCode;

  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function checkDuration(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new ClockError('bad-duration', `a duration must be a finite number of milliseconds >= 0, got ${ms}`);
  }
}
