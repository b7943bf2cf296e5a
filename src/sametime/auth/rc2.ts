/**
 * RC2 (RFC 2268): key expansion and the 64-bit block cipher. The Sametime login uses it with the
 * effective key length fixed at 1024 bits whatever the key's length (`SAMETIME_EFFECTIVE_BITS`);
 * RFC 2268's own test vectors use other effective lengths, so the expansion takes it as a parameter.
 */

/** RFC 2268's PITABLE: a permutation of 0..255 drawn from the digits of pi. */
const PITABLE = Uint8Array.from(
  Buffer.from(
    'd978f9c419ddb5ed28e9fd794aa0d89dc67e37832b76538e624c6488448bfba2179a59f587b34f1361456d8d09817d32' +
      'bd8f40eb86b77b0bf09521225c6b4e8254d66593ce60b21c7356c014a78cf1dc1275ca1f3bbee4d1423dd430a33cb626' +
      '6fbf0eda4669075727f21d9bbc944303f811c7f690ef3ee706c3d52fc8661ed708e8eade8052eef784aa72ac354d6a2a' +
      '961ad2715a1549744b9fd05e0418a4ecc2e0416e0f51cbcc2491af50a1f47039997c3a8523b8b47afc02365b25559731' +
      '2d5dfa98e38a92ae05df2910676cbac9d300e6cfe19ea82c6316013f58e289a90d38341bab33ffb0bb480c5fb9b1cd2e' +
      'c5f3db47e5a59c770aa62068fe7fc1ad',
    'hex',
  ),
);

/** The effective key length, in bits, of the RC2 the Sametime login uses: the most there is, so no reduction. */
export const SAMETIME_EFFECTIVE_BITS = 1024;
/** RC2's block size, in bytes. */
export const RC2_BLOCK_BYTES = 8;

/** An expanded RC2 key: the 64 16-bit words K[0..63]. It is key material: never log it. */
export type Rc2Key = Uint16Array;

/**
 * Expands `key` (1 to 128 bytes) into the 64 words of an RC2 key schedule, for `effectiveBits`
 * (1 to 1024) effective key bits. Throws a RangeError for lengths out of range.
 */
export function expandRc2Key(key: Uint8Array, effectiveBits: number = SAMETIME_EFFECTIVE_BITS): Rc2Key {
  const t = key.length;
  if (t < 1 || t > 128) throw new RangeError(`an RC2 key is 1 to 128 bytes, got ${t}`);
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) {
    throw new RangeError(`RC2 effective bits are 1 to 1024, got ${effectiveBits}`);
  }
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = t; i < 128; i++) l[i] = PITABLE[(l[i - 1]! + l[i - t]!) & 0xff]!;
  const t8 = (effectiveBits + 7) >> 3;
  const tm = 0xff >> (8 * t8 - effectiveBits);
  l[128 - t8] = PITABLE[l[128 - t8]! & tm]!;
  for (let i = 127 - t8; i >= 0; i--) l[i] = PITABLE[l[i + 1]! ^ l[i + t8]!]!;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = l[2 * i]! | (l[2 * i + 1]! << 8);
  l.fill(0);
  return k;
}

/** Encrypts the 8-byte block at `input[at..at+8)` into `output[at..at+8)` (they may be the same array). */
export function rc2EncryptBlock(k: Rc2Key, input: Uint8Array, output: Uint8Array, at = 0): void {
  let r0 = input[at]! | (input[at + 1]! << 8);
  let r1 = input[at + 2]! | (input[at + 3]! << 8);
  let r2 = input[at + 4]! | (input[at + 5]! << 8);
  let r3 = input[at + 6]! | (input[at + 7]! << 8);
  let j = 0;
  // 16 mixing rounds, with a mashing round after the 5th and the 11th.
  for (let round = 0; round < 16; round++) {
    r0 = (r0 + k[j++]! + (r3 & r2) + (~r3 & r1)) & 0xffff;
    r0 = ((r0 << 1) | (r0 >>> 15)) & 0xffff;
    r1 = (r1 + k[j++]! + (r0 & r3) + (~r0 & r2)) & 0xffff;
    r1 = ((r1 << 2) | (r1 >>> 14)) & 0xffff;
    r2 = (r2 + k[j++]! + (r1 & r0) + (~r1 & r3)) & 0xffff;
    r2 = ((r2 << 3) | (r2 >>> 13)) & 0xffff;
    r3 = (r3 + k[j++]! + (r2 & r1) + (~r2 & r0)) & 0xffff;
    r3 = ((r3 << 5) | (r3 >>> 11)) & 0xffff;
    if (round === 4 || round === 10) {
      r0 = (r0 + k[r3 & 63]!) & 0xffff;
      r1 = (r1 + k[r0 & 63]!) & 0xffff;
      r2 = (r2 + k[r1 & 63]!) & 0xffff;
      r3 = (r3 + k[r2 & 63]!) & 0xffff;
    }
  }
  output[at] = r0 & 0xff;
  output[at + 1] = r0 >>> 8;
  output[at + 2] = r1 & 0xff;
  output[at + 3] = r1 >>> 8;
  output[at + 4] = r2 & 0xff;
  output[at + 5] = r2 >>> 8;
  output[at + 6] = r3 & 0xff;
  output[at + 7] = r3 >>> 8;
}

/** Decrypts the 8-byte block at `input[at..at+8)` into `output[at..at+8)` (they may be the same array). */
export function rc2DecryptBlock(k: Rc2Key, input: Uint8Array, output: Uint8Array, at = 0): void {
  let r0 = input[at]! | (input[at + 1]! << 8);
  let r1 = input[at + 2]! | (input[at + 3]! << 8);
  let r2 = input[at + 4]! | (input[at + 5]! << 8);
  let r3 = input[at + 6]! | (input[at + 7]! << 8);
  let j = 63;
  for (let round = 15; round >= 0; round--) {
    r3 = ((r3 >>> 5) | (r3 << 11)) & 0xffff;
    r3 = (r3 - k[j--]! - (r2 & r1) - (~r2 & r0)) & 0xffff;
    r2 = ((r2 >>> 3) | (r2 << 13)) & 0xffff;
    r2 = (r2 - k[j--]! - (r1 & r0) - (~r1 & r3)) & 0xffff;
    r1 = ((r1 >>> 2) | (r1 << 14)) & 0xffff;
    r1 = (r1 - k[j--]! - (r0 & r3) - (~r0 & r2)) & 0xffff;
    r0 = ((r0 >>> 1) | (r0 << 15)) & 0xffff;
    r0 = (r0 - k[j--]! - (r3 & r2) - (~r3 & r1)) & 0xffff;
    if (round === 5 || round === 11) {
      r3 = (r3 - k[r2 & 63]!) & 0xffff;
      r2 = (r2 - k[r1 & 63]!) & 0xffff;
      r1 = (r1 - k[r0 & 63]!) & 0xffff;
      r0 = (r0 - k[r3 & 63]!) & 0xffff;
    }
  }
  output[at] = r0 & 0xff;
  output[at + 1] = r0 >>> 8;
  output[at + 2] = r1 & 0xff;
  output[at + 3] = r1 >>> 8;
  output[at + 4] = r2 & 0xff;
  output[at + 5] = r2 >>> 8;
  output[at + 6] = r3 & 0xff;
  output[at + 7] = r3 >>> 8;
}
