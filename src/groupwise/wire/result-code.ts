/** Result codes a GroupWise Messenger server sends in `NM_A_SZ_RESULT_CODE` (decimal text; base 0xD100). */
export const ResultCode = {
  /** 0: ok. */
  ok: 0,
  /** 0xd106: access denied. */
  accessDenied: 0xd106,
  /** 0xd10b: password expired. */
  passwordExpired: 0xd10b,
  /** 0xd10c: password invalid. */
  passwordInvalid: 0xd10c,
  /** 0xd10d: user not found. */
  userNotFound: 0xd10d,
  /** 0xd110: user disabled. */
  userDisabled: 0xd110,
  /** 0xd123: server busy. */
  serverBusy: 0xd123,
  /** 0xd128: user not allowed. */
  userNotAllowed: 0xd128,
  /** 0xd130: server protocol. */
  serverProtocol: 0xd130,
  /** 0xd146: credentials missing. */
  credentialsMissing: 0xd146,
  /** 0xd149: authentication failed. */
  authenticationFailed: 0xd149,
  /** 0xd14a: eval connection limit. */
  evalConnectionLimit: 0xd14a,
} as const;

/** A result code's name in `ResultCode`. */
export type ResultCodeKey = keyof typeof ResultCode;

const NAMES: ReadonlyMap<number, string> = new Map([
  [ResultCode.ok, 'ok'],
  [ResultCode.accessDenied, 'access-denied'],
  [ResultCode.passwordExpired, 'password-expired'],
  [ResultCode.passwordInvalid, 'password-invalid'],
  [ResultCode.userNotFound, 'user-not-found'],
  [ResultCode.userDisabled, 'user-disabled'],
  [ResultCode.serverBusy, 'server-busy'],
  [ResultCode.userNotAllowed, 'user-not-allowed'],
  [ResultCode.serverProtocol, 'server-protocol'],
  [ResultCode.credentialsMissing, 'credentials-missing'],
  [ResultCode.authenticationFailed, 'authentication-failed'],
  [ResultCode.evalConnectionLimit, 'eval-connection-limit'],
]);

/** A result code's stable name (`password-invalid`), or undefined for a code not in the table. */
export function resultName(code: number): string | undefined {
  return NAMES.get(code);
}

/** `0xD10C`, for messages. */
export function formatResultCode(code: number): string {
  return `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Codes that mean the server turned the user or the credentials down, not the attempt. */
const AUTHENTICATION_CODES: ReadonlySet<number> = new Set([
  ResultCode.accessDenied,
  ResultCode.passwordExpired,
  ResultCode.passwordInvalid,
  ResultCode.userNotFound,
  ResultCode.userDisabled,
  ResultCode.userNotAllowed,
  ResultCode.credentialsMissing,
  ResultCode.authenticationFailed,
]);

/**
 * The device status a refused login gives: the user or credentials turned down (locked out,
 * expired, wrong, unknown, disabled, not allowed, missing, failed) is `authentication-failed`;
 * anything else (server busy, protocol, the evaluation limit, codes not in the table) is `failed`.
 */
export function statusOfResult(code: number): 'authentication-failed' | 'failed' {
  return AUTHENTICATION_CODES.has(code) ? 'authentication-failed' : 'failed';
}
