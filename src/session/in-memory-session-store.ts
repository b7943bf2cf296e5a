import { decideAdmission, idleStatusCutoff, type IdleLogout } from './admission.js';
import type { SessionRecord } from './session-record.js';
import { checkTime, SessionIndex } from './session-index.js';
import type { AdmitRequest, AdmitResult, ClosingSession, SessionStore, StoredCloseReason } from './session-store.js';
import { StoreError } from './store-error.js';
import { storeAnswer } from './store-answer.js';
import { CloseWatchers, type CloseWatcher } from './close-watchers.js';

interface Reservation {
  readonly owner: string;
  readonly pin: string;
  readonly leaseUntil: number;
}

interface Closing extends ClosingSession {
  /** The reservation admission started this close for: while it holds, the slot is counted there. */
  readonly evictedFor: string | undefined;
}

const COMMITTED: Promise<'committed'> = Promise.resolve('committed');
const EXPIRED: Promise<'expired'> = Promise.resolve('expired');

/** Reasons the device is told the next time it talks. */
const TOLD: ReadonlySet<StoredCloseReason> = new Set([
  'idle-logout',
  'inactivity-logout',
  'server-closed',
  'owner-lost',
]);

/**
 * The default Configuration Database connectivity cache, in memory: for one BES, or for several
 * BES instances in one process sharing it. Every method does all its work in one synchronous step,
 * so concurrent calls never see each other half-done, admission is atomic by construction, and a
 * method that rejects has changed nothing. Sessions are indexed for O(1) lookups and an
 * `idleCandidates` that never scans (see `SessionIndex`); measured at about 400 bytes of heap per
 * session, record and strings included.
 */
export class InMemorySessionStore implements SessionStore {
  readonly #sessions = new SessionIndex();
  readonly #reservations = new Map<string, Reservation>();
  readonly #closing = new Map<string, Closing>();
  /** Closes started for a reservation, by reservation: while it holds, one of their slots is its. */
  readonly #evictedFor = new Map<string, number>();
  readonly #notices = new Map<string, StoredCloseReason>();
  /** Coverage of devices out of coverage (in coverage is the default). */
  readonly #outOfCoverage = new Set<string>();
  readonly #owners = new Map<string, number>();
  readonly #watchers = new CloseWatchers();
  /** Who waits for a close to end, by session. */
  readonly #closeWaiters = new Map<string, (() => void)[]>();

  async admit(request: AdmitRequest): Promise<AdmitResult> {
    const { reservationId, owner, pin, now, leaseUntil, rules, sessionLimit } = request;
    checkTime('now', now);
    checkTime('leaseUntil', leaseUntil);
    if (this.#reservations.has(reservationId))
      throw new StoreError('duplicate', `reservation ${reservationId} already exists`);
    this.#dropExpiredReservations(now);
    const held = this.#held();
    const full = rules.maxSessions !== undefined && held >= rules.maxSessions;
    const cutoff = idleStatusCutoff(rules, now);
    const idleCandidates =
      full && cutoff !== undefined ? this.#sessions.idleCandidates(cutoff, Number.MAX_SAFE_INTEGER) : [];
    const decision = decideAdmission({ rules, now, sessions: held, idleCandidates, sessionLimit });
    if (!decision.admit) return { admitted: false, status: decision.status, reason: decision.reason };
    const evicted = decision.logout.map(({ sessionId, reason }) => {
      const record = this.#beginClose(sessionId, 'idle-logout', reservationId, reason)!;
      return { record, reason };
    });
    this.#reservations.set(reservationId, { owner, pin, leaseUntil });
    for (const { record, reason } of evicted) this.#watchers.notify({ record, reason: 'idle-logout', idle: reason });
    return { admitted: true, evicted };
  }

  // The calls a login and a logout make are not async: an answer that carries nothing of its own
  // is a promise made once (`storeAnswer`), and what they would throw, they reject with.
  commit(reservationId: string, record: SessionRecord): Promise<'committed' | 'expired'> {
    try {
      if (!this.#reservations.has(reservationId)) return EXPIRED;
      this.#sessions.check(record);
      this.#releaseReservation(reservationId);
      // Not `{ ...record, inCoverage }`: V8 makes a new hidden class for each object a literal
      // builds by adding a key after a spread, hundreds of nanoseconds and old-space garbage per login.
      this.#sessions.insert(record, !this.#outOfCoverage.has(record.pin) && record.inCoverage);
      return COMMITTED;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  release(reservationId: string): Promise<void> {
    this.#releaseReservation(reservationId);
    return storeAnswer(undefined);
  }

  async count(): Promise<number> {
    return this.#sessions.size;
  }

  /** The session with this id, if the store holds it. */
  async get(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#sessions.get(sessionId);
  }

  getByPin(pin: string): Promise<SessionRecord | undefined> {
    return storeAnswer(this.#sessions.getByPin(pin));
  }

  async insert(record: SessionRecord): Promise<void> {
    this.#sessions.insert(record);
  }

  async touch(sessionId: string, at: number): Promise<SessionRecord | undefined> {
    return this.#sessions.touch(sessionId, at);
  }

  async setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined> {
    if (inCoverage) this.#outOfCoverage.delete(pin);
    else this.#outOfCoverage.add(pin);
    return this.#sessions.setCoverage(pin, inCoverage);
  }

  async remove(sessionId: string): Promise<SessionRecord | undefined> {
    const closing = this.#closing.get(sessionId);
    if (closing !== undefined) {
      this.#finishClose(sessionId);
      return closing.record;
    }
    return this.#sessions.remove(sessionId);
  }

  async idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]> {
    return this.#sessions.idleCandidates(statusBefore, limit);
  }

  beginClose(sessionId: string, reason: StoredCloseReason): Promise<SessionRecord | undefined> {
    try {
      const record = this.#beginClose(sessionId, reason, undefined, undefined);
      if (record !== undefined) this.#watchers.notify({ record, reason });
      return storeAnswer(record);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  finishClose(sessionId: string): Promise<void> {
    this.#finishClose(sessionId);
    return storeAnswer(undefined);
  }

  async closingOwnedBy(owner: string): Promise<readonly ClosingSession[]> {
    const found: ClosingSession[] = [];
    for (const closing of this.#closing.values()) {
      if (closing.record.owner !== owner) continue;
      const { record, reason, idle } = closing;
      found.push(idle === undefined ? { record, reason } : { record, reason, idle });
    }
    return found;
  }

  async isClosing(sessionId: string): Promise<boolean> {
    return this.#closing.has(sessionId);
  }

  takeNotice(pin: string): Promise<StoredCloseReason | undefined> {
    const reason = this.#notices.get(pin);
    this.#notices.delete(pin);
    return storeAnswer(reason);
  }

  async renewOwner(owner: string, leaseUntil: number): Promise<void> {
    checkTime('leaseUntil', leaseUntil);
    this.#owners.set(owner, leaseUntil);
  }

  async reapOwners(now: number): Promise<readonly SessionRecord[]> {
    checkTime('now', now);
    const dead = new Set<string>();
    for (const [owner, leaseUntil] of this.#owners) if (leaseUntil <= now) dead.add(owner);
    if (dead.size === 0) return [];
    const reaped: SessionRecord[] = [];
    for (const record of [...this.#sessions.records()]) {
      if (!dead.has(record.owner)) continue;
      this.#sessions.remove(record.sessionId);
      this.#notices.set(record.pin, 'owner-lost');
      reaped.push(record);
    }
    for (const [sessionId, closing] of [...this.#closing]) {
      if (dead.has(closing.record.owner)) this.#finishClose(sessionId);
    }
    for (const [reservationId, reservation] of [...this.#reservations]) {
      if (dead.has(reservation.owner)) this.#releaseReservation(reservationId);
    }
    for (const owner of dead) this.#owners.delete(owner);
    return reaped;
  }

  untilClosed(sessionId: string): Promise<void> {
    if (!this.#closing.has(sessionId)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.#closeWaiters.get(sessionId);
      if (waiters === undefined) this.#closeWaiters.set(sessionId, [resolve]);
      else waiters.push(resolve);
    });
  }

  watchCloses(owner: string, listener: CloseWatcher): () => void {
    return this.#watchers.watch(owner, listener);
  }

  /**
   * Sessions, live reservations, and closes under way, but a reservation admitted by logging
   * sessions out takes the slot of one of them: the others still count until their IM
   * connections are closed.
   */
  #held(): number {
    let passedOn = 0;
    for (const reservationId of this.#evictedFor.keys()) if (this.#reservations.has(reservationId)) passedOn++;
    return this.#sessions.size + this.#reservations.size + this.#closing.size - passedOn;
  }

  #dropExpiredReservations(now: number): void {
    for (const [reservationId, reservation] of this.#reservations) {
      if (reservation.leaseUntil <= now) this.#releaseReservation(reservationId);
    }
  }

  #releaseReservation(reservationId: string): void {
    this.#reservations.delete(reservationId);
  }

  #beginClose(
    sessionId: string,
    reason: StoredCloseReason,
    evictedFor: string | undefined,
    idle: IdleLogout['reason'] | undefined,
  ): SessionRecord | undefined {
    const record = this.#sessions.remove(sessionId);
    if (record === undefined) return undefined;
    this.#closing.set(
      sessionId,
      idle === undefined ? { record, reason, evictedFor } : { record, reason, evictedFor, idle },
    );
    if (evictedFor !== undefined) this.#evictedFor.set(evictedFor, (this.#evictedFor.get(evictedFor) ?? 0) + 1);
    if (TOLD.has(reason)) this.#notices.set(record.pin, reason);
    else this.#notices.delete(record.pin);
    return record;
  }

  #finishClose(sessionId: string): void {
    const closing = this.#closing.get(sessionId);
    if (closing === undefined) return;
    this.#closing.delete(sessionId);
    const waiters = this.#closeWaiters.get(sessionId);
    if (waiters !== undefined) {
      this.#closeWaiters.delete(sessionId);
      for (const wake of waiters) queueMicrotask(wake);
    }
    const { evictedFor } = closing;
    if (evictedFor === undefined) return;
    const left = (this.#evictedFor.get(evictedFor) ?? 1) - 1;
    if (left > 0) this.#evictedFor.set(evictedFor, left);
    else this.#evictedFor.delete(evictedFor);
  }
}
