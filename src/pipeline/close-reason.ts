import type { StoredCloseReason } from '../session/session-store.js';
import type { ImCloseReason } from './im-request.js';

/** Why a session closes, as the IM backend is told it: the device's own ends are logouts to it. */
export const closeReasonAtBackend: Readonly<Record<StoredCloseReason, ImCloseReason>> = {
  'idle-logout': 'idle-logout',
  'inactivity-logout': 'inactivity-logout',
  'server-closed': 'server-closed',
  'owner-lost': 'server-closed',
  logout: 'logout',
  replaced: 'logout',
};
