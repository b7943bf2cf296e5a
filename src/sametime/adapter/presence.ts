import type { ImPresence } from '../../pipeline/im-request.js';
import { MOBILE_STATUS_FLAG, StatusCode } from '../wire/user-status.js';

/** The SET_USER_STATUS code for each availability a BlackBerry user can set: mobile flag included. */
export const PRESENCE_STATUS: Readonly<Record<ImPresence, number>> = {
  available: StatusCode.active | MOBILE_STATUS_FLAG,
  away: StatusCode.away | MOBILE_STATUS_FLAG,
  busy: StatusCode.busy | MOBILE_STATUS_FLAG,
};
