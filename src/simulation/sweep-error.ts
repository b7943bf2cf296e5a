import { BesError } from '../errors.js';

/**
 * What went wrong in a sweep: `invalid-sweep` (no axis, an empty axis, a bad worker count),
 * `invalid-point` (a point's scenario does not validate: its `cause` is the `ConfigError`),
 * `point-failed` (a point's run threw), `worker-failed` (a worker thread died while running a point,
 * or a queued point was lost too many times) or `queue-unavailable` (`bes-collab/queue`: pg-boss is
 * not installed, or its database cannot be used).
 */
export type SweepErrorCode = 'invalid-sweep' | 'invalid-point' | 'point-failed' | 'worker-failed' | 'queue-unavailable';

/** A sweep that could not run, or a point of it that failed; the message names the point. */
export class SweepError extends BesError {
  override readonly name = 'SweepError';
  /** What went wrong; stable, to branch on. */
  readonly code: SweepErrorCode;
  /** The point, as `maxSessions=450 idleTimeoutMinutes=30`, when the error is about one. */
  readonly point: string | undefined;

  constructor(code: SweepErrorCode, message: string, options: { point?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.code = code;
    this.point = options.point;
  }
}
