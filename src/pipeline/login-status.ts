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

export type LoginStatus = (typeof LOGIN_STATUSES)[number];

export interface LoginReply {
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

export interface StatusReply {
  /** `ok`: status relayed. `session-closed`: the BES closed it (see reason). `no-session`: never logged in. */
  readonly status: 'ok' | 'session-closed' | 'no-session' | 'failed' | 'out-of-coverage' | 'no-response';
  readonly reason?: string;
}

export interface LogoutReply {
  readonly status: 'logged-out' | 'session-closed' | 'no-session' | 'failed' | 'out-of-coverage' | 'no-response';
  readonly reason?: string;
}
