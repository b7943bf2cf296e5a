import type { SessionRecord } from './session-record.js';

/**
 * The connectivity cache. Async so that a user's store may live anywhere; the in-memory store is
 * the default. Every method leaves the store consistent if it throws.
 */
export interface SessionStore {
  /** Sessions held. */
  count(): Promise<number>;
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** The session of a device, if it has one. */
  getByPin(pin: string): Promise<SessionRecord | undefined>;
  /** Adds a session. Rejects with `StoreError('duplicate')` if the id or the PIN already has one. */
  insert(record: SessionRecord): Promise<void>;
  /** Records a status message at `at`. Returns the updated record, or undefined if there is none. */
  touch(sessionId: string, at: number): Promise<SessionRecord | undefined>;
  /** Records the device's coverage. Returns the updated record, or undefined if it has no session. */
  setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined>;
  /** Removes a session and returns it, or undefined if there was none. */
  remove(sessionId: string): Promise<SessionRecord | undefined>;
  /**
   * Sessions that may be idle at `now`: every session whose device is out of coverage and every
   * session whose last status message is at or before `statusBefore`, at most `limit` of them,
   * out-of-coverage first, then oldest status first. Must not scan every session.
   */
  idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]>;
}
