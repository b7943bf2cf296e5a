import type { SessionRecord } from '../session/session-record.js';

/** A plausible session record numbered `n`; `fields` override any part of it. */
export function sessionRecord(n: number, fields: Partial<SessionRecord> = {}): SessionRecord {
  return {
    sessionId: `session-${n}`,
    userId: `user-${n}`,
    pin: `21${n.toString(16).toUpperCase().padStart(6, '0')}`,
    client: 'sametime',
    connectionId: `connection-${n}`,
    owner: 'bes-test',
    createdAt: 0,
    lastStatusAt: 0,
    inCoverage: true,
    ...fields,
  };
}

/** Where `idleCandidates` must put a record: out of coverage first, then oldest status first. */
export function idleRank(record: SessionRecord, outOfCoverageByStatus: boolean): [number, number] {
  if (!record.inCoverage) return [0, outOfCoverageByStatus ? record.lastStatusAt : 0];
  return [1, record.lastStatusAt];
}

/**
 * The obvious, slow session store the contract checks real stores against: a Map, scanned in full.
 * Synchronous on purpose, so it is never itself a source of interleaving.
 */
export class ReferenceSessions {
  readonly #byId = new Map<string, SessionRecord>();

  get size(): number {
    return this.#byId.size;
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }

  get(sessionId: string): SessionRecord | undefined {
    return this.#byId.get(sessionId);
  }

  getByPin(pin: string): SessionRecord | undefined {
    for (const record of this.#byId.values()) if (record.pin === pin) return record;
    return undefined;
  }

  /** False, changing nothing, when the id or the PIN already has a session. */
  insert(record: SessionRecord): boolean {
    if (this.#byId.has(record.sessionId) || this.getByPin(record.pin) !== undefined) return false;
    this.#byId.set(record.sessionId, { ...record });
    return true;
  }

  touch(sessionId: string, at: number): SessionRecord | undefined {
    const record = this.#byId.get(sessionId);
    if (record === undefined) return undefined;
    const touched = { ...record, lastStatusAt: at };
    this.#byId.set(sessionId, touched);
    return touched;
  }

  setCoverage(pin: string, inCoverage: boolean): SessionRecord | undefined {
    const record = this.getByPin(pin);
    if (record === undefined) return undefined;
    const updated = { ...record, inCoverage };
    this.#byId.set(record.sessionId, updated);
    return updated;
  }

  remove(sessionId: string): SessionRecord | undefined {
    const record = this.#byId.get(sessionId);
    this.#byId.delete(sessionId);
    return record;
  }

  /** Every idle candidate, in the order `idleCandidates` must return them (ties in any order). */
  idle(statusBefore: number, outOfCoverageByStatus: boolean): SessionRecord[] {
    const idle = [...this.#byId.values()].filter((r) => !r.inCoverage || r.lastStatusAt <= statusBefore);
    return idle.sort((a, b) => {
      const [groupA, timeA] = idleRank(a, outOfCoverageByStatus);
      const [groupB, timeB] = idleRank(b, outOfCoverageByStatus);
      return groupA - groupB || timeA - timeB;
    });
  }
}
