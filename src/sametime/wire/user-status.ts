/** The u16 status codes of a user-status block (SET_USER_STATUS, LOGIN_ACK). */
export const StatusCode = {
  offline: 0x0000,
  active: 0x0020,
  idle: 0x0040,
  away: 0x0060,
  busy: 0x0080,
} as const;

export type StatusName = keyof typeof StatusCode;

/** Or-ed into a status code when the user is on a mobile device, as BlackBerry users are. */
export const MOBILE_STATUS_FLAG = 0x0200;

const names = new Map<number, StatusName>(
  (Object.entries(StatusCode) as [StatusName, number][]).map(([name, code]) => [code, name]),
);

/** The status a code stands for, with the mobile flag taken apart; `undefined` for codes not in the table. */
export function describeStatus(code: number): { readonly status: StatusName; readonly mobile: boolean } | undefined {
  const status = names.get(code & ~MOBILE_STATUS_FLAG);
  return status === undefined ? undefined : { status, mobile: (code & MOBILE_STATUS_FLAG) !== 0 };
}
