import nacl from 'tweetnacl';

/**
 * The two calls of tweetnacl's low-level API used here: `nacl.lowlevel`, exported beside the
 * high-level calls, left out of its typings.
 */
interface SecretboxCalls {
  crypto_secretbox(c: Uint8Array, m: Uint8Array, d: number, n: Uint8Array, k: Uint8Array): number;
  crypto_secretbox_open(m: Uint8Array, c: Uint8Array, d: number, n: Uint8Array, k: Uint8Array): number;
}
const { lowlevel } = nacl as unknown as { readonly lowlevel: SecretboxCalls };

/** Zero bytes NaCl's secretbox wants before a message (`crypto_secretbox_ZEROBYTES`). */
const ZERO_BYTES = 32;
/** Zero bytes NaCl's secretbox leaves before a box (`crypto_secretbox_BOXZEROBYTES`). */
const BOX_ZERO_BYTES = 16;
/** Buffers up to this size are kept for the next frame; a larger frame gets buffers of its own. */
const KEPT_BYTES = 4 * 1024;

/**
 * The two buffers one secretbox call works in: its padded input and its padded output. They are
 * reused from frame to frame, where `nacl.secretbox` and `nacl.secretbox.open` make two fresh
 * arrays per call, each usually too large to live on V8's heap (over 64 bytes), so each costs a
 * separate allocation and a release on the collector's threads. Every call is synchronous and
 * calls no user code, so one pair serves every link, BES instance and test in the thread.
 */
let input = new Uint8Array(256);
let output = new Uint8Array(256);

function buffersFor(length: number): [Uint8Array, Uint8Array] {
  if (length > KEPT_BYTES) return [new Uint8Array(length), new Uint8Array(length)];
  if (input.length < length) {
    input = new Uint8Array(KEPT_BYTES);
    output = new Uint8Array(KEPT_BYTES);
  }
  return [input, output];
}

/**
 * Seals `message` (XSalsa20-Poly1305, exactly the bytes `nacl.secretbox` gives) into `frame` from
 * offset `at`: the 16-byte MAC, then the ciphertext. `frame` must have room for
 * `message.length + 16` bytes there; `nonce` is 24 bytes and `key` 32.
 */
export function sealSecretbox(
  message: Uint8Array,
  nonce: Uint8Array,
  key: Uint8Array,
  frame: Uint8Array,
  at: number,
): void {
  const length = ZERO_BYTES + message.length;
  const [m, c] = buffersFor(length);
  m.fill(0, 0, ZERO_BYTES);
  m.set(message, ZERO_BYTES);
  lowlevel.crypto_secretbox(c, m, length, nonce, key);
  frame.set(c.subarray(BOX_ZERO_BYTES, length), at);
  m.fill(0, ZERO_BYTES, length); // the message (a login's password) does not stay in the input buffer
}

/**
 * Opens the box (MAC, then ciphertext) that fills `frame` from offset `at`, sealed under `nonce`
 * and `key`: the plaintext, or null when it does not authenticate. The plaintext is a view of a
 * buffer the next call reuses: read or copy it before sealing or opening anything else.
 */
export function openSecretbox(frame: Uint8Array, at: number, nonce: Uint8Array, key: Uint8Array): Uint8Array | null {
  const boxLength = frame.length - at;
  if (boxLength < nacl.secretbox.overheadLength) return null;
  const length = BOX_ZERO_BYTES + boxLength;
  const [c, m] = buffersFor(length);
  c.fill(0, 0, BOX_ZERO_BYTES);
  // Byte by byte: a subarray of a small frame would make V8 move the frame off its heap.
  for (let i = 0; i < boxLength; i++) c[BOX_ZERO_BYTES + i] = frame[at + i]!;
  if (lowlevel.crypto_secretbox_open(m, c, length, nonce, key) !== 0) return null;
  return m.subarray(ZERO_BYTES, length);
}
