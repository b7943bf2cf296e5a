import { BesError } from '../errors.js';

/** Why a store refused or failed an operation: the `code` of a `StoreError`. */
export type StoreErrorCode =
  /** The session id, or the device PIN, already has a session. The store is unchanged. */
  | 'duplicate'
  /** A user's store could not be reached or failed part-way; it must still be consistent. */
  | 'unavailable'
  /** A time that is not a finite number (NaN, Infinity): it would break the idle order. */
  | 'bad-time';

/** A session or permission store refused or failed an operation. */
export class StoreError extends BesError {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }
}
