import type { AdmissionRules, IdleLogout } from './admission.js';
import type { SessionRecord } from './session-record.js';

/** Why the BES closed a session, as the store keeps it for the device to learn. */
export type StoredCloseReason =
  | 'idle-logout'
  | 'inactivity-logout'
  | 'server-closed'
  | 'logout'
  | 'replaced'
  | 'owner-lost';

/** One login asking for a slot: step 4 applied in one atomic store operation. */
export interface AdmitRequest {
  /** Unique across instances (it carries the instance id). */
  readonly reservationId: string;
  /** The instance that will hold the IM connection. */
  readonly owner: string;
  /** The device PIN the login is for. */
  readonly pin: string;
  /** The BES clock's time: every row's time comes from the caller, never the database. */
  readonly now: number;
  /** When the reservation lapses if its login neither commits nor releases it (its instance died). */
  readonly leaseUntil: number;
  /** The maximum and idle timeout in force. */
  readonly rules: AdmissionRules;
  /** What the IM server's API supports: with no maximum, the Failed rule. */
  readonly sessionLimit: number;
}

/** An idle session admission chose to log out, now closing: its owner must close the IM connection. */
export interface EvictedSession {
  /** The session being logged out. */
  readonly record: SessionRecord;
  /** Why it counted as idle. */
  readonly reason: IdleLogout['reason'];
}

/** What admission did with the login: admitted (with any sessions it logged out to make room), or turned away. */
export type AdmitResult =
  | {
      /** The login is admitted: its reservation holds a slot. */
      readonly admitted: true;
      /** The sessions logged out to make room: they no longer count, and are closing at their owners. */
      readonly evicted: readonly EvictedSession[];
    }
  | {
      /** The login was turned away. */
      readonly admitted: false;
      /** What the device is sent. */
      readonly status: 'server-busy' | 'failed';
      /** Why: the maximum is reached, or (no maximum) the IM server's API limit. */
      readonly reason: 'maximum-reached' | 'api-limit-reached';
    };

/** A session whose close has begun: out of the cache's sessions, its slot still counted until the close is done. */
export interface ClosingSession {
  /** The session being closed. */
  readonly record: SessionRecord;
  /** Why the BES closes it. */
  readonly reason: StoredCloseReason;
  /** For an idle logout: why the session counted as idle. */
  readonly idle?: IdleLogout['reason'];
}

/**
 * The connectivity cache of the BlackBerry Configuration Database: the sessions, the logins under
 * way (reservations), the closes under way, coverage and why each device's last session ended.
 * Async so that it may live anywhere: in memory (the default) or a SQL database shared by several
 * BES instances. Every method is atomic and leaves the store consistent if it rejects.
 *
 * What counts against the maximum: every session, every live reservation, and every close under
 * way, except that a live reservation admitted by logging sessions out takes the slot of one of
 * them (the others count until their IM connections are closed).
 */
export interface SessionStore {
  /**
   * Step 4 in one atomic step: drops reservations whose lease has passed, counts, finds the idle
   * candidates when full, applies `decideAdmission`, moves the chosen idle sessions to closing
   * (reason `idle-logout`) and records the reservation, or answers Server Busy / Failed.
   * Rejects with `StoreError('duplicate')` if the reservation id is taken.
   */
  admit(request: AdmitRequest): Promise<AdmitResult>;
  /**
   * Turns a live reservation into its session, in one step. `expired` when the reservation is gone
   * (its lease passed and another operation dropped it): the caller must not keep the session.
   * Rejects with `StoreError('duplicate')` if the session id or the PIN already has a session.
   */
  commit(reservationId: string, record: SessionRecord): Promise<'committed' | 'expired'>;
  /** Gives a reservation's slot back. Idempotent. */
  release(reservationId: string): Promise<void>;

  /** Sessions held. */
  count(): Promise<number>;
  /** The session with this id, if the store holds it. */
  get(sessionId: string): Promise<SessionRecord | undefined>;
  /** The session of a device, if it has one. */
  getByPin(pin: string): Promise<SessionRecord | undefined>;
  /** Adds a session directly (no reservation). Rejects with `StoreError('duplicate')` if the id or the PIN already has one. */
  insert(record: SessionRecord): Promise<void>;
  /** Records a status message at `at`. Returns the updated record, or undefined if there is none. */
  touch(sessionId: string, at: number): Promise<SessionRecord | undefined>;
  /**
   * Records the device's coverage, with or without a session (a session cached later starts with
   * it). Returns the updated session, or undefined if it has none.
   */
  setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined>;
  /** Removes a session at once, counted or not, and returns it, or undefined if there was none. */
  remove(sessionId: string): Promise<SessionRecord | undefined>;
  /**
   * Sessions that may be idle: every session whose device is out of coverage and every session
   * whose last status message is at or before `statusBefore`, at most `limit` of them,
   * out-of-coverage first, then oldest status first. Must not scan every session.
   */
  idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]>;

  /**
   * Begins a close: moves the session to closing, still counted, and, for a reason the device is
   * told (not `logout` or `replaced`), records it as the device's notice. Returns the session, or
   * undefined if it was not there (gone, or closing already).
   */
  beginClose(sessionId: string, reason: StoredCloseReason): Promise<SessionRecord | undefined>;
  /** The owner has closed the IM connection: the close is over and its slot free. Idempotent. */
  finishClose(sessionId: string): Promise<void>;
  /** The closes under way whose IM connection `owner` holds. */
  closingOwnedBy(owner: string): Promise<readonly ClosingSession[]>;
  /** Whether a close is still under way (the session's owner has not finished it). */
  isClosing(sessionId: string): Promise<boolean>;

  /** Why the BES closed the device's last session, once: reading it clears it. */
  takeNotice(pin: string): Promise<StoredCloseReason | undefined>;

  /**
   * The instance `owner` is alive until `leaseUntil`. An instance that has renewed once and then
   * stops (it was killed) is reaped by `reapOwners` once its lease has passed.
   */
  renewOwner(owner: string, leaseUntil: number): Promise<void>;
  /**
   * Removes what instances whose lease has passed held: their sessions and closes (their IM
   * connections died with them; each device is told `owner-lost`) and their reservations. Returns
   * the sessions removed. Instances that never renewed are never reaped.
   */
  reapOwners(now: number): Promise<readonly SessionRecord[]>;

  /**
   * Optional: calls `listener` when a close of a session `owner` holds begins elsewhere, so the
   * owner closes the IM connection at once rather than at its next look at `closingOwnedBy`.
   * Returns a function that stops the calls.
   */
  watchCloses?(owner: string, listener: (closing: ClosingSession) => void): () => void;
  /**
   * Optional: resolves once the close of `sessionId` has ended (at once if none is under way), so
   * an instance waiting on another's close need not look again and again at `isClosing`.
   */
  untilClosed?(sessionId: string): Promise<void>;
}
