import type { SessionRecord } from './session-record.js';

/** One session's place in a `StatusOrder`. Its record is replaced, never mutated. */
export interface StatusEntry {
  record: SessionRecord;
  older: StatusEntry | undefined;
  newer: StatusEntry | undefined;
}

export interface StatusOrderOptions {
  /** Below this many strays, sorting them on each walk is cheaper than relinking the list. Default 256. */
  readonly straysTolerated?: number;
  /** Relink the strays into the list once more than 1 entry in this many is a stray. Default 16. */
  readonly strayShare?: number;
}

function byStatus(a: SessionRecord, b: SessionRecord): number {
  return a.lastStatusAt - b.lastStatusAt;
}

/**
 * Sessions in order of `lastStatusAt`, oldest first, so that finding the sessions silent since a
 * given time costs only what it finds.
 *
 * Times normally arrive in order (they come from a clock), so an entry is appended at the newest
 * end in O(1). An entry whose time is older than the newest one's is a stray: it is held apart and
 * sorted into each walk (slower, still exact), and once strays are more than 1 in 16 entries they
 * are merged into the list, which costs O(n + strays log strays) and so is O(log n) amortised.
 */
export class StatusOrder {
  #oldest: StatusEntry | undefined;
  #newest: StatusEntry | undefined;
  #size = 0;
  readonly #strays = new Set<StatusEntry>();
  readonly #straysTolerated: number;
  readonly #strayShare: number;

  constructor(options: StatusOrderOptions = {}) {
    this.#straysTolerated = options.straysTolerated ?? 256;
    this.#strayShare = options.strayShare ?? 16;
  }

  get size(): number {
    return this.#size;
  }

  /** How many entries are held apart from the list because their time arrived out of order. */
  get strays(): number {
    return this.#strays.size;
  }

  add(record: SessionRecord): StatusEntry {
    const entry: StatusEntry = { record, older: undefined, newer: undefined };
    this.#place(entry);
    this.#size++;
    return entry;
  }

  /** Gives an entry a record with a new `lastStatusAt` and moves it to its new place. */
  move(entry: StatusEntry, record: SessionRecord): void {
    this.#unplace(entry);
    entry.record = record;
    this.#place(entry);
  }

  delete(entry: StatusEntry): void {
    this.#unplace(entry);
    this.#size--;
  }

  /** Every record whose `lastStatusAt` is at or before `time`, oldest first. Lazy: stop when you have enough. */
  *atOrBefore(time: number): Generator<SessionRecord, void, undefined> {
    const strayCount = this.#strays.size;
    if (strayCount > this.#straysTolerated && strayCount * this.#strayShare > this.#size) this.#mergeStrays();
    const strays = this.#sortedStrays((record) => record.lastStatusAt <= time);
    let nextStray = 0;
    for (let entry = this.#oldest; entry !== undefined; entry = entry.newer) {
      const record = entry.record;
      if (!(record.lastStatusAt <= time)) break;
      for (; nextStray < strays.length && strays[nextStray]!.lastStatusAt < record.lastStatusAt; nextStray++) {
        yield strays[nextStray]!;
      }
      yield record;
    }
    for (; nextStray < strays.length; nextStray++) yield strays[nextStray]!;
  }

  #place(entry: StatusEntry): void {
    const newest = this.#newest;
    if (newest !== undefined && entry.record.lastStatusAt < newest.record.lastStatusAt) {
      this.#strays.add(entry);
      return;
    }
    entry.older = newest;
    entry.newer = undefined;
    if (newest === undefined) this.#oldest = entry;
    else newest.newer = entry;
    this.#newest = entry;
  }

  #unplace(entry: StatusEntry): void {
    if (this.#strays.delete(entry)) return;
    const { older, newer } = entry;
    if (older === undefined) this.#oldest = newer;
    else older.newer = newer;
    if (newer === undefined) this.#newest = older;
    else newer.older = older;
    entry.older = undefined;
    entry.newer = undefined;
  }

  #sortedStrays(keep: (record: SessionRecord) => boolean): SessionRecord[] {
    const records: SessionRecord[] = [];
    for (const entry of this.#strays) if (keep(entry.record)) records.push(entry.record);
    return records.sort(byStatus);
  }

  /** Links every stray into the list at its place: one pass over the list, merging the sorted strays. */
  #mergeStrays(): void {
    const strays = [...this.#strays].sort((a, b) => byStatus(a.record, b.record));
    this.#strays.clear();
    let after: StatusEntry | undefined; // the last entry known to be at or before the next stray
    let before = this.#oldest;
    for (const stray of strays) {
      while (before !== undefined && before.record.lastStatusAt <= stray.record.lastStatusAt) {
        after = before;
        before = before.newer;
      }
      stray.older = after;
      stray.newer = before;
      if (after === undefined) this.#oldest = stray;
      else after.newer = stray;
      if (before === undefined) this.#newest = stray;
      else before.older = stray;
      after = stray;
    }
  }
}
