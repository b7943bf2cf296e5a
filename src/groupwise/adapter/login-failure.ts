import type { ImLoginFailure } from '../../pipeline/im-request.js';
import { resultName, statusOfResult } from '../wire/result-code.js';

/** Why a GroupWise login failed without the server giving a result code. */
export type LocalFailureReason =
  /** The connection was refused or could not be made. */
  | 'unreachable'
  /** No reply within the adapter's `loginTimeoutMs`, or by the login's deadline. */
  | 'timeout'
  /** The server closed the connection before its reply. */
  | 'closed'
  /** The server answered bytes that are not the protocol. */
  | 'protocol-error'
  /** The server answered 301; this model does not follow redirects. */
  | 'redirected'
  /** The login request's AbortSignal aborted. */
  | 'aborted';

/** A login reply's non-zero result code, as the Collaboration Service sees it (see `statusOfResult`). */
export function failureFromResult(code: number): ImLoginFailure {
  return { status: statusOfResult(code), reasonCode: code, reason: resultName(code) ?? 'unknown-result' };
}

/** A failure the adapter found itself. */
export function localFailure(reason: LocalFailureReason): ImLoginFailure {
  return { status: 'failed', reason };
}
