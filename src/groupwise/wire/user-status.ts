import type { ImPresence } from '../../pipeline/im-request.js';

/** `NM_A_SZ_STATUS` values (sent as decimal text) and the status a change event carries. */
export const GroupWiseStatus = {
  /** 0: unknown. */
  unknown: 0,
  /** 1: offline. */
  offline: 1,
  /** 2: available. */
  available: 2,
  /** 3: busy. */
  busy: 3,
  /** 4: away. */
  away: 4,
  /** 5: away idle. */
  awayIdle: 5,
} as const;

/** One of the protocol's status numbers. */
export type GroupWiseStatus = (typeof GroupWiseStatus)[keyof typeof GroupWiseStatus];

/** What the device's availability is at the server. */
export const PRESENCE_GROUPWISE_STATUS: Readonly<Record<ImPresence, GroupWiseStatus>> = {
  available: GroupWiseStatus.available,
  away: GroupWiseStatus.away,
  busy: GroupWiseStatus.busy,
};

const NAMES = ['unknown', 'offline', 'available', 'busy', 'away', 'away-idle'] as const;

/** A status's name (`away-idle`), or `status-<n>` for one outside 0-5. */
export function statusName(status: number): string {
  return NAMES[status] ?? `status-${status}`;
}
