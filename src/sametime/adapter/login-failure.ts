import type { ImLoginFailure } from '../../pipeline/im-request.js';
import { ReasonCode, reasonName } from '../wire/reason-code.js';

/** Why a Sametime login failed without the server giving a reason code. */
export type LocalFailureReason =
  /** The connection was refused or could not be made. */
  | 'unreachable'
  /** No answer within the adapter's `loginTimeoutMs`. */
  | 'timeout'
  /** The server closed the connection mid-login without a CHANNEL_DESTROY. */
  | 'closed'
  /** The server answered bytes that are not Sametime, or messages out of order. */
  | 'protocol-error'
  /** The server sent LOGIN_REDIRECT; this model does not follow redirects. */
  | 'redirected'
  /** The login request's AbortSignal aborted. */
  | 'aborted';

/** Reasons that mean the server rejected the credentials or the user, not the attempt. */
const AUTHENTICATION_REASONS: ReadonlySet<number> = new Set([
  ReasonCode.incorrectLogin,
  ReasonCode.userUnregistered,
  ReasonCode.notAuthorized,
  ReasonCode.userRestricted,
]);

/**
 * A CHANNEL_DESTROY during login, as the Collaboration Service sees it: incorrect login, user
 * unregistered, not authorized and user restricted are `authentication-failed`; everything else
 * (server full, starving, version or encryption mismatch, unknown codes) is `failed`.
 */
export function failureFromReason(reasonCode: number): ImLoginFailure {
  return {
    status: AUTHENTICATION_REASONS.has(reasonCode) ? 'authentication-failed' : 'failed',
    reasonCode,
    reason: reasonName(reasonCode) ?? 'unknown-reason',
  };
}

export function localFailure(reason: LocalFailureReason): ImLoginFailure {
  return { status: 'failed', reason };
}
