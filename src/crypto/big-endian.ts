// By hand rather than with a DataView: a DataView needs the array's `buffer`, and asking a small
// array for it makes V8 move the array out of its heap, a microsecond per frame.

/** Writes `value` as a big-endian u32 at `at`; returns the offset after it. */
export function writeU32(out: Uint8Array, at: number, value: number): number {
  out[at] = value >>> 24;
  out[at + 1] = value >>> 16;
  out[at + 2] = value >>> 8;
  out[at + 3] = value;
  return at + 4;
}

/** Reads a big-endian u32 at `at`. */
export function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}
