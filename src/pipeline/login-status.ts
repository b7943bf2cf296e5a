/**
 * What a device shows after a login attempt. `server-busy` and `failed` are the seed's two status
 * messages; the rest name the other outcomes the seed's flow implies:
 * - `accepted`: steps 5-6, Sametime accepted; the session is open and cached.
 * - `server-busy`: step 4, the maximum number of sessions is reached and no idle session could be logged out.
 * - `failed`: step 4, no maximum set and the IM server's API limit reached; or the IM server
 *   unreachable, refusing or too slow; or a store failing.
 * - `access-denied`: step 4, the Configuration Database does not permit the user to use the collaboration client.
 * - `authentication-failed`: step 5, the IM server rejected the user id or password.
 * - `out-of-coverage`: step 2, the device is out of coverage; nothing was sent.
 * - `no-response`: nothing came back: the BES discarded the frame (key mismatch), or the reply was lost.
 */
export const LOGIN_STATUSES = [
  'accepted',
  'server-busy',
  'failed',
  'access-denied',
  'authentication-failed',
  'out-of-coverage',
  'no-response',
] as const;

/** What a device shows after a login attempt: one of `LOGIN_STATUSES`. */
export type LoginStatus = (typeof LOGIN_STATUSES)[number];

/** The BES's answer to a login, as the device receives it. */
export interface LoginReply {
  /** What the device shows. */
  readonly status: LoginStatus;
  /** The session id, when accepted. */
  readonly sessionId?: string;
  /** A short, stable reason for a status other than `accepted` (`maximum-reached`, `incorrect-login`, ...). */
  readonly reason?: string;
  /** The IM server's reason code, where it sent one (Sametime CHANNEL_DESTROY reason). */
  readonly reasonCode?: number;
}

/** Why the BES closed a device's session; the device learns it the next time it talks. */
export type SessionCloseReason = 'idle-logout' | 'inactivity-logout' | 'server-closed' | 'logout' | 'replaced';

/** The BES's answer to a status update, as the device receives it. */
export interface StatusReply {
  /** `ok`: status relayed. `session-closed`: the BES closed it (see reason). `no-session`: never logged in. */
  readonly status: 'ok' | 'session-closed' | 'no-session' | 'failed' | 'out-of-coverage' | 'no-response';
  /** A short, stable reason for a status other than `ok`. */
  readonly reason?: string;
}

/** The BES's answer to a logout, as the device receives it. */
export interface LogoutReply {
  /** `logged-out`: the session closed. `session-closed`: the BES had already closed it. `no-session`: none was open. */
  readonly status: 'logged-out' | 'session-closed' | 'no-session' | 'failed' | 'out-of-coverage' | 'no-response';
  /** A short, stable reason for a status other than `logged-out`. */
  readonly reason?: string;
}
