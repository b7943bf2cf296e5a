import { type ZStream, Z_OK, zlibInflateReset } from 'pako';

/** The fields of pako 3's inflate state, in order: the layout `InflateReset` was written against. */
const INFLATE_STATE_LAYOUT =
  'strm,mode,last,wrap,havedict,flags,dmax,check,total,head,wbits,wsize,whave,wnext,window,hold,bits,length,offset,' +
  'extra,lencode,distcode,lenbits,distbits,ncode,nlen,ndist,have,next,lens,work,lendyn,distdyn,sane,back,was';
/** The fields of pako's inflate state that its `inflateReset` sets. */
interface ResetFields {
  mode: number;
  last: unknown;
  havedict: unknown;
  flags: number;
  dmax: number;
  head: unknown;
  hold: number;
  bits: number;
  sane: number;
  back: number;
  total: number;
  wsize: number;
  whave: number;
  wnext: number;
}
/** The code tables inflate reads (`lencode`, `distcode`) and the state's own ones `inflateReset` replaces. */
interface CodeTables {
  lencode: unknown;
  distcode: unknown;
  lendyn: Int32Array;
  distdyn: Int32Array;
}

/**
 * pako's `inflateReset`, without the two Huffman code tables (5.8 KB of fresh Int32Arrays) it
 * allocates on every reset: half the cost of inflating a small frame. zlib keeps those tables in
 * its state across resets, and inflate builds a table in them before it reads it. The fields are
 * set to the values pako's own reset left in the state at init, read off it then. Used only when
 * the state has exactly the layout of pako 3.0 (`INFLATE_STATE_LAYOUT`); on any other, pako's reset.
 */
export class InflateReset {
  readonly #pristine: ResetFields | undefined;

  constructor(strm: ZStream) {
    const state = strm.state as Record<string, unknown>;
    const fits =
      Object.keys(state).join() === INFLATE_STATE_LAYOUT &&
      state['lendyn'] instanceof Int32Array &&
      state['distdyn'] instanceof Int32Array &&
      state['wrap'] === 0;
    if (!fits) {
      this.#pristine = undefined;
      return;
    }
    const s = strm.state as ResetFields;
    this.#pristine = {
      mode: s.mode,
      last: s.last,
      havedict: s.havedict,
      flags: s.flags,
      dmax: s.dmax,
      head: s.head,
      hold: s.hold,
      bits: s.bits,
      sane: s.sane,
      back: s.back,
      total: s.total,
      wsize: s.wsize,
      whave: s.whave,
      wnext: s.wnext,
    };
  }

  reset(strm: ZStream): number {
    const p = this.#pristine;
    if (p === undefined) return zlibInflateReset(strm);
    // Field by field: named stores are several times faster than a loop over field names.
    const s = strm.state as ResetFields & CodeTables;
    s.mode = p.mode;
    s.last = p.last;
    s.havedict = p.havedict;
    s.flags = p.flags;
    s.dmax = p.dmax;
    s.head = p.head;
    s.hold = p.hold;
    s.bits = p.bits;
    s.sane = p.sane;
    s.back = p.back;
    s.total = p.total;
    s.wsize = p.wsize;
    s.whave = p.whave;
    s.wnext = p.wnext;
    s.lencode = s.lendyn;
    s.distcode = s.distdyn;
    strm.total_in = 0;
    strm.total_out = 0;
    strm.msg = '';
    return Z_OK;
  }
}
