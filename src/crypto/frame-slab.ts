/**
 * Where the bytes of a message on its way to a frame get their room (a device message's payload, a
 * Sametime frame, the auth data and password inside a LOGIN): views of a shared slab, as Node's
 * `Buffer` pool hands out small buffers. A typed array of more than 64 bytes with a buffer of its
 * own lives outside V8's heap and costs about ten times a view of a buffer that exists (some 0.8 µs
 * against 0.08 µs); one of 64 or fewer lives inside it, but pays as much the first time anything
 * takes a `subarray` of it or reads its `buffer`, as decoders and deflate do.
 * Views never overlap, so each caller owns its bytes as if they had their own buffer (code that
 * reads `.buffer` must honour `byteOffset`, as everything here does); a slab is freed once its last
 * view is. Anything over a quarter of a slab gets a buffer of its own, so one large frame cannot
 * hold a slab for its few small neighbours.
 */
const SLAB_BYTES = 8 * 1024;
const LARGEST_FROM_SLAB = SLAB_BYTES / 4;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** A zero-filled array of `length` bytes that the caller owns. */
export function frameBytes(length: number): Uint8Array {
  if (length > LARGEST_FROM_SLAB) return new Uint8Array(length);
  if (used + length > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const bytes = new Uint8Array(slab, used, length);
  // Eight-byte steps keep every view aligned for a DataView's wider reads.
  used += (length + 7) & ~7;
  return bytes;
}

/** A copy of `bytes` in a `frameBytes` array, which the caller owns. */
export function frameCopy(bytes: Uint8Array): Uint8Array {
  const copy = frameBytes(bytes.length);
  copy.set(bytes);
  return copy;
}
