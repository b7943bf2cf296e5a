/** The u32 reason codes a CHANNEL_DESTROY carries: why a login failed or a session closed. */
export const ReasonCode = {
  /** The login succeeded, or the session closed normally. */
  success: 0x0000_0000,
  /** A failure with no more specific reason. */
  generalFailure: 0x8000_0000,
  /** The user may not do what was asked. */
  notAuthorized: 0x8000_0003,
  /** The server has no resources left for the connection. */
  starving: 0x8000_000a,
  /** The server does not speak the client's protocol version. */
  versionMismatch: 0x8000_0200,
  /** The server has no room for another session. */
  serverFull: 0x8000_020b,
  /** The server did not answer in time. */
  serverNotResponding: 0x8000_020c,
  /** The user is barred from logging in (the server restricts who may). */
  userRestricted: 0x8000_0210,
  /** Wrong user id or password: Authentication Failed on the device. */
  incorrectLogin: 0x8000_0211,
  /** The client and server agree on no encryption (auth type). */
  encryptionMismatch: 0x8000_0212,
  /** The user id is not registered on the server. */
  userUnregistered: 0x8000_0213,
  /** The same user logged in from another computer, which ends this session. */
  loggedInElsewhere: 0x8000_0229,
} as const;

/** The name of a reason code's entry in `ReasonCode`. */
export type ReasonCodeKey = keyof typeof ReasonCode;

/** A reason's stable, kebab-case name, as traces and login failures carry it. */
export type ReasonName =
  | 'success'
  | 'general-failure'
  | 'not-authorized'
  | 'starving'
  | 'version-mismatch'
  | 'server-full'
  | 'server-not-responding'
  | 'user-restricted'
  | 'incorrect-login'
  | 'encryption-mismatch'
  | 'user-unregistered'
  | 'logged-in-elsewhere';

const names = new Map<number, ReasonName>([
  [ReasonCode.success, 'success'],
  [ReasonCode.generalFailure, 'general-failure'],
  [ReasonCode.notAuthorized, 'not-authorized'],
  [ReasonCode.starving, 'starving'],
  [ReasonCode.versionMismatch, 'version-mismatch'],
  [ReasonCode.serverFull, 'server-full'],
  [ReasonCode.serverNotResponding, 'server-not-responding'],
  [ReasonCode.userRestricted, 'user-restricted'],
  [ReasonCode.incorrectLogin, 'incorrect-login'],
  [ReasonCode.encryptionMismatch, 'encryption-mismatch'],
  [ReasonCode.userUnregistered, 'user-unregistered'],
  [ReasonCode.loggedInElsewhere, 'logged-in-elsewhere'],
]);

/** The name of a reason code, or `undefined` when the code is not in the table. */
export function reasonName(code: number): ReasonName | undefined {
  return names.get(code);
}

/** Formats a reason code as the protocol documents write it: `0x80000211`. */
export function formatReasonCode(code: number): string {
  return `0x${(code >>> 0).toString(16).padStart(8, '0')}`;
}
