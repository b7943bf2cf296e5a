export type { SessionRecord } from './session-record.js';
export type {
  SessionStore,
  AdmitRequest,
  AdmitResult,
  ClosingSession,
  EvictedSession,
  StoredCloseReason,
} from './session-store.js';
export type { PermissionStore } from './permission-store.js';
export type { PermissionGrant } from './permission-grant.js';
export { StoreError, type StoreErrorCode } from './store-error.js';
export { InMemorySessionStore } from './in-memory-session-store.js';
export type { CloseWatcher } from './close-watchers.js';
export { InMemoryPermissionStore } from './in-memory-permission-store.js';
export {
  decideAdmission,
  idleStatusCutoff,
  type AdmissionDecision,
  type AdmissionInput,
  type AdmissionRules,
  type IdleLogout,
  selectInactive,
  inactivityStatusCutoff,
  type InactivityRules,
} from './admission.js';
