import { decodeMessage, writeMessage, type SametimeMessage } from './message.js';
import { checkCount } from '../errors.js';
import { SametimeProtocolError } from './protocol-error.js';
import { frameCopy } from '../../crypto/frame-slab.js';
import { WireWriter } from './wire-writer.js';

/** Bytes in a frame's length prefix (u32, not counting itself). */
export const FRAME_LENGTH_BYTES = 4;
/** The keepalive byte peers send between frames; receivers skip any byte with the high bit set there. */
export const KEEPALIVE_BYTE = 0x80;
/** The largest frame (message bytes, prefix excluded) a receiver accepts unless told otherwise: 64 KiB. */
export const DEFAULT_MAX_FRAME_LENGTH = 64 * 1024;
/** The smallest `maxFrameLength` a receiver may be given: room for a message header and a little more. */
export const MIN_MAX_FRAME_LENGTH = 16;
/** The largest `maxFrameLength` a receiver may be given: 16 MiB (a frame is buffered whole before it is decoded). */
export const MAX_MAX_FRAME_LENGTH = 16 * 1024 * 1024;

/** Checks a `maxFrameLength` option: a whole number from 16 to 16 MiB, or `SametimeConfigError` naming it. */
export function checkMaxFrameLength(value: number): number {
  return checkCount('maxFrameLength', value, MIN_MAX_FRAME_LENGTH, false, MAX_MAX_FRAME_LENGTH);
}

/**
 * Frames are built in one reused buffer and copied out at their exact size, into `frameCopy`:
 * cheaper than a fresh growable buffer per frame. Encoding is synchronous, so the buffer is never shared.
 */
let scratch = new WireWriter(1024);
/** A scratch buffer grown past this by one huge frame is dropped rather than kept for ever. */
const SCRATCH_KEEP_BYTES = 256 * 1024;

/** One message as it goes on the wire: u32 length, then the message. A fresh array the caller owns. */
export function encodeFrame(m: SametimeMessage): Uint8Array {
  const w = scratch.reset();
  try {
    const at = w.reserveU32();
    writeMessage(w, m);
    w.patchU32(at, w.length - FRAME_LENGTH_BYTES);
    return frameCopy(w.finish());
  } finally {
    if (w.capacity > SCRATCH_KEEP_BYTES) scratch = new WireWriter(1024);
  }
}

/** A keepalive: the single byte 0x80. */
export function encodeKeepalive(): Uint8Array {
  return Uint8Array.of(KEEPALIVE_BYTE);
}

/**
 * Decodes exactly one frame (no keepalive bytes around it). Throws only `SametimeProtocolError`:
 * `too-large` for a length over `maxFrameLength`, `truncated` / `trailing-bytes` when the bytes do
 * not match the length. A `maxFrameLength` out of range throws `SametimeConfigError`.
 */
export function decodeFrame(bytes: Uint8Array, maxFrameLength = DEFAULT_MAX_FRAME_LENGTH): SametimeMessage {
  checkMaxFrameLength(maxFrameLength);
  if (bytes.length < FRAME_LENGTH_BYTES) {
    throw new SametimeProtocolError('truncated', `a frame of ${bytes.length} bytes cannot hold its length`);
  }
  const length = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  checkFrameLength(length, maxFrameLength);
  const have = bytes.length - FRAME_LENGTH_BYTES;
  if (have < length) throw new SametimeProtocolError('truncated', `a frame of length ${length} has ${have} bytes`);
  if (have > length)
    throw new SametimeProtocolError('trailing-bytes', `${have - length} bytes after a frame of length ${length}`);
  return decodeMessage(bytes.subarray(FRAME_LENGTH_BYTES));
}

export function checkFrameLength(length: number, maxFrameLength: number): void {
  if (length > maxFrameLength) {
    throw new SametimeProtocolError(
      'too-large',
      `a frame length of ${length} is over the ${maxFrameLength}-byte limit`,
    );
  }
}
