import { BesError } from '../errors.js';

export type PipelineErrorCode =
  /** A filter called `next` more than once for one message. */
  | 'next-called-twice'
  /** A device or BES message that is not what its frame kind says it is. */
  | 'malformed-message'
  /** A session store or permission store failed (threw or rejected) during an operation. */
  | 'store-failed'
  /** The IM backend adapter threw instead of answering. */
  | 'backend-failed';

/** Something went wrong on the login path itself. `hop` names where. */
export class PipelineError extends BesError {
  override readonly name = 'PipelineError';
  readonly code: PipelineErrorCode;

  constructor(code: PipelineErrorCode, message: string, options: { hop?: string; cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
  }
}
