/** The u32 reason codes a CHANNEL_DESTROY carries: why a login failed or a session closed. */
export const ReasonCode = {
  success: 0x0000_0000,
  generalFailure: 0x8000_0000,
  notAuthorized: 0x8000_0003,
  starving: 0x8000_000a,
  versionMismatch: 0x8000_0200,
  serverFull: 0x8000_020b,
  serverNotResponding: 0x8000_020c,
  userRestricted: 0x8000_0210,
  incorrectLogin: 0x8000_0211,
  encryptionMismatch: 0x8000_0212,
  userUnregistered: 0x8000_0213,
  loggedInElsewhere: 0x8000_0229,
} as const;

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
