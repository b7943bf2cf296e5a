import { type ZStream, Z_OK, zlibDeflateReset, zlibDeflateSetDictionary } from 'pako';
import { DeflatePrimedState } from './deflate-primed-state.js';

type Fields = Record<string, unknown>;
type Table = Uint8Array | Uint16Array;

function isTable(value: unknown): value is Table {
  return value instanceof Uint8Array || value instanceof Uint16Array;
}

/** The fields of `object` that hold numbers or booleans, with their values. */
function scalarsOf(object: Fields): Map<string, unknown> {
  const scalars = new Map<string, unknown>();
  for (const [name, value] of Object.entries(object)) {
    if (typeof value === 'number' || typeof value === 'boolean') scalars.set(name, value);
  }
  return scalars;
}

/** The fields whose value priming changed, with the primed value. */
function changed(before: Map<string, unknown>, after: Fields): [string, unknown][] {
  const fields: [string, unknown][] = [];
  for (const [name, value] of before) if (!Object.is(after[name], value)) fields.push([name, after[name]]);
  return fields;
}

function sameBytes(a: Table, b: Table): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function setDictionary(strm: ZStream, dictionary: Uint8Array): void {
  if (zlibDeflateSetDictionary(strm, dictionary) !== Z_OK) throw new Error('pako refused the preset dictionary');
}

/**
 * A deflate state's priming with the preset dictionary, worked out once: `deflateSetDictionary`
 * hashes every position of the dictionary into the state, on every frame, and was the costliest
 * function of a login. Made on a freshly reset state, it records what the dictionary changed there
 * (the window, the hash chains and the scalars that point into them, read off the state itself, so
 * no field list is assumed); `prime` resets the state and puts those back, a few copies of at
 * most 2 KiB. The state is then exactly the one reset and `deflateSetDictionary` would leave, but
 * for hash-chain links no chain reaches, so the same payload deflates to the same bytes (checked
 * against pako's own priming in the tests). On pako 3.0's state none of that is recorded: the
 * whole priming is named stores, the frequencies cleared and three copies (`DeflatePrimedState`),
 * where pako's reset alone cost most of a priming.
 */
export class DeflatePriming {
  readonly #strm: ZStream;
  /** The primed state by name, on pako 3.0's layout; undefined on any other. */
  readonly #primed: DeflatePrimedState | undefined;
  /** On any other layout: the scalars and tables the priming changed, with their primed values. */
  readonly #state: [string, unknown][] = [];
  readonly #stream: [string, unknown][] = [];
  readonly #tables: [Table, Table][] = [];

  constructor(strm: ZStream, dictionary: Uint8Array) {
    this.#strm = strm;
    if (zlibDeflateReset(strm) !== Z_OK) throw new Error('pako refused to reset its deflate state');
    if (DeflatePrimedState.fits(strm)) {
      setDictionary(strm, dictionary);
      this.#primed = DeflatePrimedState.of(strm);
      return;
    }
    const state = strm.state as unknown as Fields;
    const stream = strm as unknown as Fields;
    const stateBefore = scalarsOf(state);
    const streamBefore = scalarsOf(stream);
    const tablesBefore = Object.values(state)
      .filter(isTable)
      .map((table) => [table, table.slice()] as const);
    setDictionary(strm, dictionary);
    this.#state = changed(stateBefore, state);
    this.#stream = changed(streamBefore, stream);
    for (const [table, before] of tablesBefore) {
      if (!sameBytes(table, before)) this.#tables.push([table, table.slice()]);
    }
  }

  /** Resets the deflate state this priming was made on and primes it with the dictionary. */
  prime(): void {
    const strm = this.#strm;
    if (this.#primed !== undefined) return this.#primed.restore(strm);
    if (zlibDeflateReset(strm) !== Z_OK) throw new Error('pako refused to reset its deflate state');
    const state = strm.state as unknown as Fields;
    const stream = strm as unknown as Fields;
    for (const [name, value] of this.#state) state[name] = value;
    for (const [name, value] of this.#stream) stream[name] = value;
    for (const [table, primed] of this.#tables) table.set(primed);
  }
}
