import { BesError } from '../errors.js';

/** What went wrong on the login path: the `code` of a `PipelineError`. */
export type PipelineErrorCode =
  /** A filter called `next` more than once for one message. */
  | 'next-called-twice'
  /** A device or BES message that is not what its frame kind says it is. */
  | 'malformed-message'
  /** A session store or permission store failed (threw or rejected) during an operation. */
  | 'store-failed'
  /** A session store or permission store did not answer within `storeTimeoutMs`. */
  | 'store-timeout'
  /** The IM backend did not answer within `backendTimeoutMs`. */
  | 'backend-timeout'
  /** A login's reservation lapsed (its lease passed) before its session could be cached. */
  | 'reservation-expired'
  /** The IM backend adapter threw instead of answering, or answered the wrong kind of request. */
  | 'backend-failed'
  /** A `Layer` hop (the Collaboration Service) was put into a pipe a second time. */
  | 'wired-twice'
  /** The Collaboration Service was asked to reach its IM backend before it was put into a pipe. */
  | 'not-wired';

/** Something went wrong on the login path itself. `hop` names where. */
export class PipelineError extends BesError {
  override readonly name = 'PipelineError';
  readonly code: PipelineErrorCode;

  constructor(code: PipelineErrorCode, message: string, options: { hop?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }
}
