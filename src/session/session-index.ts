import type { SessionRecord } from './session-record.js';
import { StatusOrder, type StatusEntry } from './status-order.js';
import { StoreError } from './store-error.js';

export function checkTime(name: string, time: number): void {
  if (!Number.isFinite(time)) {
    throw new StoreError('bad-time', `${name} must be a finite number of milliseconds, got ${time}`);
  }
}

/** The stored form: exactly the record's fields, frozen, so nobody can move a session behind the index's back. */
function freezeRecord(from: SessionRecord, lastStatusAt: number, inCoverage: boolean): SessionRecord {
  return Object.freeze({
    sessionId: from.sessionId,
    userId: from.userId,
    pin: from.pin,
    client: from.client,
    connectionId: from.connectionId,
    owner: from.owner,
    createdAt: from.createdAt,
    lastStatusAt,
    inCoverage,
  });
}

function oldestFirst(a: SessionRecord, b: SessionRecord): number {
  return a.lastStatusAt - b.lastStatusAt;
}

/**
 * The sessions of the in-memory store, indexed by id, by PIN, by coverage and by last status.
 *
 * Every method is O(1) amortised but `idleCandidates`, which never scans every session: it sorts
 * the sessions out of coverage (which it returns anyway), then walks the others oldest status first
 * (see `StatusOrder`) and stops at the first fresh one or at `limit`: O(result + c log c) for c out
 * of coverage. Records are frozen copies of what was inserted; `touch` and `setCoverage` replace
 * them. Each method does all its work synchronously, and one that throws has changed nothing.
 */
export class SessionIndex {
  readonly #byId = new Map<string, StatusEntry>();
  /**
   * A PIN keeps its key once its session ends (the value goes back to undefined): V8 leaves a
   * deleted key in its bucket's chain until the table is rebuilt, so the same PIN logging in and
   * out of a million-session map would lengthen that chain on every cycle. Keys are bounded by the
   * devices that ever held a session.
   */
  readonly #byPin = new Map<string, StatusEntry | undefined>();
  readonly #outOfCoverage = new Set<StatusEntry>();
  readonly #order = new StatusOrder();

  get size(): number {
    return this.#byId.size;
  }

  get(sessionId: string): SessionRecord | undefined {
    return this.#byId.get(sessionId)?.record;
  }

  getByPin(pin: string): SessionRecord | undefined {
    return this.#byPin.get(pin)?.record;
  }

  /** Throws `StoreError('duplicate')` or `StoreError('bad-time')` without changing anything. */
  check(record: SessionRecord): void {
    checkTime('createdAt', record.createdAt);
    checkTime('lastStatusAt', record.lastStatusAt);
    if (this.#byId.has(record.sessionId)) {
      throw new StoreError('duplicate', `session ${record.sessionId} already exists`);
    }
    if (this.#byPin.get(record.pin) !== undefined) {
      throw new StoreError('duplicate', `device ${record.pin} already has a session`);
    }
  }

  /** Stores a frozen copy of `record`, in coverage as `inCoverage` says (the record's own by default). */
  insert(record: SessionRecord, inCoverage = record.inCoverage): void {
    this.check(record);
    const entry = this.#order.add(freezeRecord(record, record.lastStatusAt, inCoverage));
    this.#byId.set(record.sessionId, entry);
    this.#byPin.set(record.pin, entry);
    if (!inCoverage) this.#outOfCoverage.add(entry);
  }

  touch(sessionId: string, at: number): SessionRecord | undefined {
    checkTime('at', at);
    const entry = this.#byId.get(sessionId);
    if (entry === undefined) return undefined;
    this.#order.move(entry, freezeRecord(entry.record, at, entry.record.inCoverage));
    return entry.record;
  }

  setCoverage(pin: string, inCoverage: boolean): SessionRecord | undefined {
    const entry = this.#byPin.get(pin);
    if (entry === undefined) return undefined;
    if (entry.record.inCoverage !== inCoverage) {
      // Same lastStatusAt, so the entry keeps its place in the status order.
      entry.record = freezeRecord(entry.record, entry.record.lastStatusAt, inCoverage);
      if (inCoverage) this.#outOfCoverage.delete(entry);
      else this.#outOfCoverage.add(entry);
    }
    return entry.record;
  }

  remove(sessionId: string): SessionRecord | undefined {
    const entry = this.#byId.get(sessionId);
    if (entry === undefined) return undefined;
    this.#byId.delete(sessionId);
    this.#byPin.set(entry.record.pin, undefined);
    this.#outOfCoverage.delete(entry);
    this.#order.delete(entry);
    return entry.record;
  }

  idleCandidates(statusBefore: number, limit: number): SessionRecord[] {
    if (Number.isNaN(statusBefore)) throw new StoreError('bad-time', 'statusBefore must be a time, got NaN');
    const found: SessionRecord[] = [];
    if (!(limit > 0)) return found;
    const away = Array.from(this.#outOfCoverage, (entry) => entry.record).sort(oldestFirst);
    for (const record of away) {
      if (found.length >= limit) return found;
      found.push(record);
    }
    if (found.length >= limit) return found;
    for (const record of this.#order.atOrBefore(statusBefore)) {
      if (!record.inCoverage) continue;
      found.push(record);
      if (found.length >= limit) break;
    }
    return found;
  }

  /** Every session, in no particular order. */
  *records(): IterableIterator<SessionRecord> {
    for (const entry of this.#byId.values()) yield entry.record;
  }
}
