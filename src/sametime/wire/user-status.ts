/** The u16 status codes of a user-status block (SET_USER_STATUS, LOGIN_ACK). */
export const StatusCode = {
  /** Not logged in. */
  offline: 0x0000,
  /** Logged in and at the device: the BES's `available`. */
  active: 0x0020,
  /** Logged in but not using the device for a while. */
  idle: 0x0040,
  /** Away: the BES's `away`. */
  away: 0x0060,
  /** Do not disturb: the BES's `busy`. */
  busy: 0x0080,
} as const;

/** The name of a status code's entry in `StatusCode`. */
export type StatusName = keyof typeof StatusCode;

/** Or-ed into a status code when the user is on a mobile device, as BlackBerry users are. */
export const MOBILE_STATUS_FLAG = 0x0200;

const names = new Map<number, StatusName>(
  (Object.entries(StatusCode) as [StatusName, number][]).map(([name, code]) => [code, name]),
);

/** The status a code stands for, with the mobile flag taken apart; `undefined` for codes not in the table. */
export function describeStatus(code: number):
  | {
      /** The status without the mobile flag. */
      readonly status: StatusName;
      /** Whether the mobile flag was set. */
      readonly mobile: boolean;
    }
  | undefined {
  const status = names.get(code & ~MOBILE_STATUS_FLAG);
  return status === undefined ? undefined : { status, mobile: (code & MOBILE_STATUS_FLAG) !== 0 };
}
