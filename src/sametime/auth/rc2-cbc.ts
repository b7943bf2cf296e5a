import { frameBytes } from '../../crypto/frame-slab.js';
import { RC2_BLOCK_BYTES, rc2DecryptBlock, rc2EncryptBlock, type Rc2Key } from './rc2.js';

/** The initialisation vector of every RC2 CBC encryption in the Sametime protocol: fixed, never sent. */
export const SAMETIME_IV: Readonly<Uint8Array> = Uint8Array.of(0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef);

/**
 * RC2 in CBC mode as the Sametime protocol uses it: the fixed IV, and the plaintext always padded
 * with 1 to 8 bytes each equal to the pad length. Deterministic: the same key and plaintext always
 * give the same ciphertext (the protocol's own weakness, kept for fidelity).
 */
export function rc2CbcEncrypt(k: Rc2Key, plain: Uint8Array): Uint8Array {
  const out = new Uint8Array(rc2CbcLength(plain.length));
  out.set(plain);
  rc2CbcEncryptInPlace(k, out, 0, plain.length);
  return out;
}

/** The ciphertext length `rc2CbcEncrypt` gives a plaintext of `plainLength` bytes: padded to whole blocks, 1 to 8 bytes more. */
export function rc2CbcLength(plainLength: number): number {
  return plainLength + RC2_BLOCK_BYTES - (plainLength % RC2_BLOCK_BYTES);
}

/**
 * `rc2CbcEncrypt` where the plaintext lies: pads the `plainLength` bytes at `bytes[at..]` and
 * encrypts them there, over `rc2CbcLength(plainLength)` bytes. For a sealer writing the password
 * straight into its auth data, so the plaintext never has an array of its own to wipe.
 */
export function rc2CbcEncryptInPlace(k: Rc2Key, bytes: Uint8Array, at: number, plainLength: number): void {
  const end = at + rc2CbcLength(plainLength);
  bytes.fill(end - at - plainLength, at + plainLength, end);
  let prev: Uint8Array = SAMETIME_IV;
  let prevAt = 0;
  for (let block = at; block < end; block += RC2_BLOCK_BYTES) {
    for (let i = 0; i < RC2_BLOCK_BYTES; i++) bytes[block + i]! ^= prev[prevAt + i]!;
    rc2EncryptBlock(k, bytes, bytes, block);
    prev = bytes;
    prevAt = block;
  }
}

/**
 * Decrypts what `rc2CbcEncrypt` made. Returns `undefined`, never throws, when the ciphertext is not
 * a whole number of blocks or its padding is not 1 to 8 bytes each equal to the pad length: with
 * no MAC, that is all a receiver can tell of a wrong key or a tampered ciphertext. The plaintext
 * is the caller's (a `frameBytes` view), to wipe with `fill(0)` once read.
 */
export function rc2CbcDecrypt(k: Rc2Key, cipher: Uint8Array): Uint8Array | undefined {
  const out = rc2CbcDecryptPadded(k, cipher);
  if (out === undefined) return undefined;
  const length = rc2CbcPlainLength(out);
  out.fill(0, length);
  return out.subarray(0, length);
}

/** How many bytes of `rc2CbcDecryptPadded`'s result are the plaintext: all but its padding, whose last byte counts it. */
export function rc2CbcPlainLength(padded: Uint8Array): number {
  return padded.length - padded[padded.length - 1]!;
}

/**
 * `rc2CbcDecrypt` before it cuts the padding off: the whole decrypted array, its padding checked
 * and left in place (its last byte says how long it is), for a reader that takes only the bytes
 * before it and spares the view. The caller wipes all of it.
 */
export function rc2CbcDecryptPadded(k: Rc2Key, cipher: Uint8Array): Uint8Array | undefined {
  const n = cipher.length;
  if (n === 0 || n % RC2_BLOCK_BYTES !== 0) return undefined;
  // A view of the frame slab, so the plaintext it returns is a view too, at no cost.
  const out = frameBytes(n);
  for (let at = 0; at < n; at += RC2_BLOCK_BYTES) {
    rc2DecryptBlock(k, cipher, out, at);
    for (let i = 0; i < RC2_BLOCK_BYTES; i++)
      out[at + i]! ^= at === 0 ? SAMETIME_IV[i]! : cipher[at - RC2_BLOCK_BYTES + i]!;
  }
  const pad = out[n - 1]!;
  let valid = pad >= 1 && pad <= RC2_BLOCK_BYTES;
  for (let i = 1; valid && i <= pad; i++) valid = out[n - i] === pad;
  if (!valid) {
    out.fill(0);
    return undefined;
  }
  return out;
}
