import { numericOption } from '../config/numeric-option.js';
import {
  ZStream,
  Z_DEFAULT_STRATEGY,
  Z_FINISH,
  Z_OK,
  Z_STREAM_END,
  zlibDeflate,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibInflate,
  zlibInflateInit2,
  zlibInflateSetDictionary,
} from 'pako';
import type { PayloadCompressor } from './compression.js';
import { DeflatePriming } from './deflate-priming.js';
import { FrameError } from './frame-error.js';
import { InflateReset } from './inflate-reset.js';

/** The zlib settings of a `DeflateCompressor`; both ends of a link must use the same ones. */
export interface DeflateCompressorOptions {
  /** zlib's compression level, 1 (fastest) to 9. Default 6. */
  readonly level?: number;
  /** The base-2 logarithm of the deflate window, 9 to 15. Default 10 (a 1 KiB window). */
  readonly windowBits?: number;
  /** zlib's memory level, 1 to 9: the size of the hash table and of a block's symbol buffer. Default 1. */
  readonly memLevel?: number;
  /**
   * A preset dictionary (RFC 1951 streams may refer back into it): both ends must use the same
   * one. A string stands for its UTF-8 bytes. Default: none.
   */
  readonly dictionary?: Uint8Array | string;
}

/** The largest block deflate stores uncompressed. */
const MAX_STORED_BLOCK = 0xffff;
/** Deflate output up to this size is built in a buffer kept for the next frame; above it, in a fresh one. */
const KEPT_DEFLATE_BYTES = 4 * 1024;
/** The inflate buffer is kept for caps up to this (the BES packet limit); above it, made for the call. */
const KEPT_INFLATE_BYTES = 64 * 1024 + 1;
const EMPTY = new Uint8Array(0);

/** Bytes of `n` bytes as stored (uncompressed) deflate blocks: 5 bytes of header per 65,535 bytes. */
function storedLength(n: number): number {
  return n + 5 * Math.max(1, Math.ceil(n / MAX_STORED_BLOCK));
}

/** `payload` as a raw deflate stream of stored blocks: what deflate falls back to on incompressible bytes. */
function storeBlocks(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(storedLength(payload.length));
  let at = 0;
  let from = 0;
  do {
    const length = Math.min(MAX_STORED_BLOCK, payload.length - from);
    const last = from + length === payload.length;
    out[at] = last ? 1 : 0; // BFINAL, BTYPE 00; the rest of the byte is padding.
    out[at + 1] = length & 0xff;
    out[at + 2] = length >>> 8;
    out[at + 3] = ~length & 0xff;
    out[at + 4] = (~length >>> 8) & 0xff;
    out.set(payload.subarray(from, from + length), at + 5);
    at += 5 + length;
    from += length;
  } while (from < payload.length);
  return out;
}

function checkOption(name: string, value: number, min: number, max: number): number {
  return numericOption('DeflateCompressor', name, value, { min, max });
}

/**
 * Raw deflate (RFC 1951) with pako's low-level API, one complete stream per payload, from deflate
 * and inflate states that are made once and reset before each payload instead of being built
 * afresh: building them (a 64 KiB window and hash tables) is what makes `pako.deflateRaw` cost tens
 * of microseconds on a 150-byte frame.
 *
 * - Independent frames: every payload is its own stream from a reset state primed only with the
 *   constant dictionary, so a frame opens whatever happened to the frames before it.
 * - Deterministic: zlib's reset is its init without the allocation (zlib manual, `deflateReset`),
 *   so the bytes depend on the payload and the options alone, never on earlier payloads. The hash
 *   is zlib's classic one (`legacyHash`), whose table is sized by `memLevel`; pako's default hash
 *   always clears a 64 KiB table per stream.
 * - Never larger than stored: when deflate cannot beat storing the payload (random bytes), the
 *   payload goes as stored blocks, 5 bytes per 65,535, so 64 KiB of noise still fits a BES packet.
 * - Bounded inflate: inflating writes into a buffer of `cap + 1` bytes and stops when it is full,
 *   so a decompression bomb costs at most `cap + 1` bytes of output, never its whole expansion.
 *   Bytes after the end of the stream are refused as `corrupt-payload`.
 *
 * Safe to share: the state is touched only inside `compress` and `decompress`, which are
 * synchronous, call no user code, and reset it on entry. JavaScript runs one of them at a time,
 * each from a reset state, so an instance shared by many links, BES instances or tests behaves
 * exactly as a fresh one per call (the tests check this); a call that throws half-way leaves
 * nothing the next one sees. Worker threads load their own copy of the module.
 */
export class DeflateCompressor implements PayloadCompressor {
  /** zlib's compression level in use, 1 to 9. */
  readonly level: number;
  /** The base-2 logarithm of the deflate window in use. */
  readonly windowBits: number;
  /** zlib's memory level in use, 1 to 9. */
  readonly memLevel: number;
  readonly #dictionary: Uint8Array | undefined;
  #deflater: ZStream | undefined;
  /** The dictionary's priming of the deflate state, made with the state; undefined without a dictionary. */
  #priming: DeflatePriming | undefined;
  #inflater: ZStream | undefined;
  #inflateReset: InflateReset | undefined;
  #deflated = new Uint8Array(256);
  #inflated: Uint8Array | undefined;

  constructor(options: DeflateCompressorOptions = {}) {
    this.level = checkOption('level', options.level ?? 6, 1, 9);
    this.windowBits = checkOption('windowBits', options.windowBits ?? 10, 9, 15);
    this.memLevel = checkOption('memLevel', options.memLevel ?? 1, 1, 9);
    const { dictionary } = options;
    this.#dictionary =
      dictionary === undefined || dictionary.length === 0
        ? undefined
        : typeof dictionary === 'string'
          ? new TextEncoder().encode(dictionary)
          : Uint8Array.from(dictionary);
  }

  /** Deflates `payload` as one complete raw stream (primed with the dictionary, if any). */
  compress(payload: Uint8Array): Uint8Array {
    const strm = this.#deflateStream();
    if (this.#priming !== undefined) this.#priming.prime();
    else if (zlibDeflateReset(strm) !== Z_OK) throw new Error('pako refused to reset its deflate state');
    // Room for no more than the stored form: a deflate stream that does not fit is not worth sending.
    const room = storedLength(payload.length);
    if (room > KEPT_DEFLATE_BYTES) {
      strm.output = new Uint8Array(room);
    } else {
      if (this.#deflated.length < room) this.#deflated = new Uint8Array(KEPT_DEFLATE_BYTES);
      strm.output = this.#deflated as Uint8Array<ArrayBuffer>;
    }
    strm.input = payload;
    strm.next_in = 0;
    strm.avail_in = payload.length;
    strm.next_out = 0;
    strm.avail_out = room;
    const status = zlibDeflate(strm, Z_FINISH);
    const output = strm.output;
    const length = strm.next_out;
    strm.input = EMPTY; // hold no reference to the caller's bytes
    return status === Z_STREAM_END ? output.slice(0, length) : storeBlocks(payload);
  }

  decompress(compressed: Uint8Array, cap: number): Uint8Array {
    const strm = this.#inflateStream();
    if (this.#inflateReset!.reset(strm) !== Z_OK) throw new Error('pako refused to reset its inflate state');
    if (this.#dictionary !== undefined && zlibInflateSetDictionary(strm, this.#dictionary) !== Z_OK) {
      throw new Error('pako refused the preset dictionary');
    }
    const room = cap + 1;
    let output: Uint8Array;
    if (room > KEPT_INFLATE_BYTES) {
      output = new Uint8Array(room);
    } else {
      output = this.#inflated ??= new Uint8Array(KEPT_INFLATE_BYTES);
    }
    strm.input = compressed;
    strm.next_in = 0;
    strm.avail_in = compressed.length;
    strm.output = output as Uint8Array<ArrayBuffer>;
    strm.next_out = 0;
    strm.avail_out = room;
    const status = zlibInflate(strm, Z_FINISH);
    const length = strm.next_out;
    const left = strm.avail_in;
    strm.input = EMPTY;
    if (length > cap) {
      throw new FrameError('decompressed-too-large', `the payload inflates past the ${cap}-byte cap`);
    }
    if (status !== Z_STREAM_END) {
      throw new FrameError('corrupt-payload', 'the payload is not a complete deflate stream');
    }
    if (left !== 0) throw new FrameError('corrupt-payload', `${left} bytes follow the end of the deflate stream`);
    return output.slice(0, length);
  }

  #deflateStream(): ZStream {
    if (this.#deflater !== undefined) return this.#deflater;
    const strm = new ZStream();
    // Negative window bits: raw deflate, no zlib header or checksum. `true`: zlib's classic hash.
    const status = zlibDeflateInit2(strm, this.level, 8, -this.windowBits, this.memLevel, Z_DEFAULT_STRATEGY, true);
    if (status !== Z_OK) throw new Error(`pako refused the deflate options (status ${status})`);
    if (this.#dictionary !== undefined) this.#priming = new DeflatePriming(strm, this.#dictionary);
    this.#deflater = strm;
    return strm;
  }

  #inflateStream(): ZStream {
    if (this.#inflater !== undefined) return this.#inflater;
    const strm = new ZStream();
    // The largest window, so any raw deflate stream opens, whatever window it was made with.
    const status = zlibInflateInit2(strm, -15);
    if (status !== Z_OK) throw new Error(`pako refused the inflate options (status ${status})`);
    this.#inflater = strm;
    this.#inflateReset = new InflateReset(strm);
    return strm;
  }
}
