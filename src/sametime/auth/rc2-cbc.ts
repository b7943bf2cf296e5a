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
  const pad = RC2_BLOCK_BYTES - (plain.length % RC2_BLOCK_BYTES);
  const out = new Uint8Array(plain.length + pad);
  out.set(plain);
  out.fill(pad, plain.length);
  let prev: Uint8Array = SAMETIME_IV;
  let prevAt = 0;
  for (let at = 0; at < out.length; at += RC2_BLOCK_BYTES) {
    for (let i = 0; i < RC2_BLOCK_BYTES; i++) out[at + i]! ^= prev[prevAt + i]!;
    rc2EncryptBlock(k, out, out, at);
    prev = out;
    prevAt = at;
  }
  return out;
}

/**
 * Decrypts what `rc2CbcEncrypt` made. Returns `undefined`, never throws, when the ciphertext is not
 * a whole number of blocks or its padding is not 1 to 8 bytes each equal to the pad length: with
 * no MAC, that is all a receiver can tell of a wrong key or a tampered ciphertext. The plaintext
 * is the caller's (a `frameBytes` view), to wipe with `fill(0)` once read.
 */
export function rc2CbcDecrypt(k: Rc2Key, cipher: Uint8Array): Uint8Array | undefined {
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
  out.fill(0, n - pad);
  return out.subarray(0, n - pad);
}
