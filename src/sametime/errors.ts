import { BesError } from '../errors.js';

/** Why a connection to a Sametime server could not be made: the `code` of a `SametimeConnectionError`. */
export type SametimeConnectionErrorCode =
  /** Nothing accepts connections at that host and port (or the server refuses them). */
  | 'refused'
  /** The host could not be reached: no route, no such name, no answer within the connect timeout. */
  | 'unreachable'
  /** The connect was abandoned through its AbortSignal. */
  | 'aborted';

/** A connection to a Sametime server that could not be made. */
export class SametimeConnectionError extends BesError {
  override readonly name = 'SametimeConnectionError';
  /** Why the connection could not be made. */
  readonly code: SametimeConnectionErrorCode;

  constructor(code: SametimeConnectionErrorCode, message: string) {
    super(message, { hop: 'sametime-adapter' });
    this.code = code;
  }
}

/** A request on a Sametime session whose dedicated connection is already closed. */
export class SametimeSessionClosedError extends BesError {
  override readonly name = 'SametimeSessionClosedError';
  /** Always `session-closed`. */
  readonly code = 'session-closed';

  constructor(connectionId: string) {
    super(`the Sametime session on connection ${connectionId} is closed`, { hop: 'sametime-adapter' });
  }
}

/** An option of the Sametime adapter or server that is out of range. */
export class SametimeConfigError extends BesError {
  override readonly name = 'SametimeConfigError';
  /** Always `bad-option`. */
  readonly code = 'bad-option';

  constructor(message: string) {
    super(message);
  }
}

/**
 * Checks a whole-number option: from `min` to `max` (default `Number.MAX_SAFE_INTEGER`), or (when
 * `infinite` is allowed) +Infinity. NaN, a fraction, a non-number or a value out of range throws a
 * `SametimeConfigError` naming the option.
 */
export function checkCount(
  name: string,
  value: number,
  min: number,
  infinite = false,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if ((Number.isInteger(value) && value >= min && value <= max) || (infinite && value === Number.POSITIVE_INFINITY))
    return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
  throw new SametimeConfigError(
    `${name} must be a whole number ${range}${infinite ? ' or Infinity' : ''}, got ${typeof value === 'number' ? value : typeof value}`,
  );
}

/** The largest TCP port. */
export const MAX_PORT = 65_535;
