import type { ZStream } from 'pako';

/** The fields of pako 3's deflate state, in order: the layout `DeflatePrimedState` was written against. */
const DEFLATE_STATE_LAYOUT =
  'strm,status,pending_buf,pending_buf_size,pending_out,pending,wrap,gzhead,gzindex,method,last_flush,' +
  'w_size,w_bits,w_mask,window,window_size,prev,head,ins_h,legacy_hash,hash_size,hash_bits,hash_mask,' +
  'hash_shift,block_start,match_length,prev_match,match_available,strstart,match_start,lookahead,' +
  'prev_length,max_chain_length,max_lazy_match,level,strategy,good_match,nice_match,dyn_ltree,dyn_dtree,' +
  'bl_tree,l_desc,d_desc,bl_desc,bl_count,heap,heap_len,heap_max,depth,sym_buf,lit_bufsize,sym_next,' +
  'sym_end,opt_len,static_len,matches,insert,bi_buf,bi_valid';
/** The fields of pako 3's deflate stream, in order. */
const DEFLATE_STREAM_LAYOUT =
  'input,next_in,avail_in,total_in,output,next_out,avail_out,total_out,msg,state,data_type,adler';

/** Deflate's literal/length, distance and bit-length codes, and the end-of-block code (RFC 1951). */
const LITERAL_LENGTH_CODES = 286;
const DISTANCE_CODES = 30;
const BIT_LENGTH_CODES = 19;
const END_OF_BLOCK = 256;

/** The stream fields pako's `deflateReset` sets (and the priming may change). */
interface StreamFields {
  total_in: number;
  total_out: number;
  data_type: number;
  adler: number;
}

/** The state fields pako's `deflateReset` and `deflateSetDictionary` set. */
interface StateFields {
  pending: number;
  pending_out: number;
  wrap: number;
  status: number;
  last_flush: number;
  bi_buf: number;
  bi_valid: number;
  opt_len: number;
  static_len: number;
  sym_next: number;
  matches: number;
  window_size: number;
  max_lazy_match: number;
  good_match: number;
  nice_match: number;
  max_chain_length: number;
  strstart: number;
  block_start: number;
  lookahead: number;
  insert: number;
  match_length: number;
  prev_length: number;
  match_available: number;
  ins_h: number;
}

/** A tree descriptor of the state: the tree it describes and the highest code with a frequency. */
interface TreeDescriptor {
  max_code: number;
}

/** The tables of the state the reset or the priming writes: the frequencies, the window, the hash chains. */
interface StateTables {
  dyn_ltree: Uint16Array;
  dyn_dtree: Uint16Array;
  bl_tree: Uint16Array;
  l_desc: TreeDescriptor;
  d_desc: TreeDescriptor;
  bl_desc: TreeDescriptor;
  window: Uint8Array;
  prev: Uint16Array;
  head: Uint16Array;
}

type PrimedFields = StreamFields & { readonly state: StateFields };

/**
 * A deflate state put back, field by field, as pako's `deflateReset` followed by
 * `deflateSetDictionary` left it: named stores of the primed values, read off the state once it was
 * primed, instead of pako's reset (three tree descriptors allocated, 256 hash heads and 335
 * frequencies cleared a property load at a time: 0.65 µs a frame) and a loop over field names.
 * The frequencies are cleared as pako clears them; the window, the hash chains and the hash heads
 * are copied from the primed state. The tree descriptors are kept, their highest code set back
 * to none, as a fresh one has it. Made only on a state with exactly the layout of pako 3.0
 * (`DEFLATE_STATE_LAYOUT`); on any other, `of` gives undefined and the priming goes field by
 * field name.
 */
export class DeflatePrimedState {
  readonly #stream: StreamFields;
  readonly #state: StateFields;
  readonly #window: Uint8Array;
  readonly #prev: Uint16Array;
  readonly #head: Uint16Array;

  private constructor(strm: PrimedFields) {
    const s = strm.state;
    this.#stream = {
      total_in: strm.total_in,
      total_out: strm.total_out,
      data_type: strm.data_type,
      adler: strm.adler,
    };
    this.#state = {
      pending: s.pending,
      pending_out: s.pending_out,
      wrap: s.wrap,
      status: s.status,
      last_flush: s.last_flush,
      bi_buf: s.bi_buf,
      bi_valid: s.bi_valid,
      opt_len: s.opt_len,
      static_len: s.static_len,
      sym_next: s.sym_next,
      matches: s.matches,
      window_size: s.window_size,
      max_lazy_match: s.max_lazy_match,
      good_match: s.good_match,
      nice_match: s.nice_match,
      max_chain_length: s.max_chain_length,
      strstart: s.strstart,
      block_start: s.block_start,
      lookahead: s.lookahead,
      insert: s.insert,
      match_length: s.match_length,
      prev_length: s.prev_length,
      match_available: s.match_available,
      ins_h: s.ins_h,
    };
    const tables = s as unknown as StateTables;
    this.#window = tables.window.slice();
    this.#prev = tables.prev.slice();
    this.#head = tables.head.slice();
  }

  /** Whether `strm` has exactly pako 3.0's layout, the one this restore was written against. */
  static fits(strm: ZStream): boolean {
    const state = strm.state as unknown as Record<string, unknown>;
    return (
      Object.keys(strm).join() === DEFLATE_STREAM_LAYOUT &&
      Object.keys(state).join() === DEFLATE_STATE_LAYOUT &&
      state['window'] instanceof Uint8Array &&
      state['prev'] instanceof Uint16Array &&
      state['head'] instanceof Uint16Array
    );
  }

  /** The primed state of `strm`, just reset and primed, if its layout is pako 3.0's. */
  static of(strm: ZStream): DeflatePrimedState | undefined {
    return DeflatePrimedState.fits(strm) ? new DeflatePrimedState(strm as unknown as PrimedFields) : undefined;
  }

  /** Puts `strm` back in the primed state. */
  restore(strm: ZStream): void {
    const primed = strm as unknown as PrimedFields;
    const p = this.#stream;
    primed.total_in = p.total_in;
    primed.total_out = p.total_out;
    primed.data_type = p.data_type;
    primed.adler = p.adler;
    const s = primed.state;
    const q = this.#state;
    s.pending = q.pending;
    s.pending_out = q.pending_out;
    s.wrap = q.wrap;
    s.status = q.status;
    s.last_flush = q.last_flush;
    s.bi_buf = q.bi_buf;
    s.bi_valid = q.bi_valid;
    s.opt_len = q.opt_len;
    s.static_len = q.static_len;
    s.sym_next = q.sym_next;
    s.matches = q.matches;
    s.window_size = q.window_size;
    s.max_lazy_match = q.max_lazy_match;
    s.good_match = q.good_match;
    s.nice_match = q.nice_match;
    s.max_chain_length = q.max_chain_length;
    s.strstart = q.strstart;
    s.block_start = q.block_start;
    s.lookahead = q.lookahead;
    s.insert = q.insert;
    s.match_length = q.match_length;
    s.prev_length = q.prev_length;
    s.match_available = q.match_available;
    s.ins_h = q.ins_h;
    const tables = s as unknown as StateTables;
    const literals = tables.dyn_ltree;
    for (let code = 0; code < LITERAL_LENGTH_CODES; code++) literals[code * 2] = 0;
    const distances = tables.dyn_dtree;
    for (let code = 0; code < DISTANCE_CODES; code++) distances[code * 2] = 0;
    const bitLengths = tables.bl_tree;
    for (let code = 0; code < BIT_LENGTH_CODES; code++) bitLengths[code * 2] = 0;
    literals[END_OF_BLOCK * 2] = 1;
    tables.l_desc.max_code = 0;
    tables.d_desc.max_code = 0;
    tables.bl_desc.max_code = 0;
    tables.window.set(this.#window);
    tables.prev.set(this.#prev);
    tables.head.set(this.#head);
  }
}
