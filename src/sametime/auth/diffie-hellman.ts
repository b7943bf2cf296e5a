import type { Random } from '../../random/seeded-random.js';

/** The Diffie-Hellman prime the Sametime protocol fixes for auth type 0x0004: 512 bits. */
export const SAMETIME_DH_PRIME =
  0xcf84afce86ddfa527f136d10357528eefba0afef808f29174e3b6a9e970001717c8f106c41c161a6ce91057b34da62cbb87bfdc1b35c1b910fea72249d566b9fn;
/** The protocol's generator. */
export const SAMETIME_DH_GENERATOR = 3n;
/** Bytes of the prime, and of a public value sent left-padded to full length. */
export const DH_KEY_BYTES = 64;

/** `base ** exponent mod modulus`, square and multiply over 4-bit windows. `exponent` >= 0, `modulus` > 1. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  const b = ((base % modulus) + modulus) % modulus;
  const table: bigint[] = [1n, b];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * b) % modulus);
  const hex = exponent.toString(16);
  let result = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) {
      result = (result * result) % modulus;
      result = (result * result) % modulus;
      result = (result * result) % modulus;
      result = (result * result) % modulus;
    }
    const digit = Number.parseInt(hex[i]!, 16);
    if (digit !== 0) result = (result * table[digit]!) % modulus;
  }
  return result;
}

/** An unsigned big-endian byte string as a bigint (empty: 0). */
export function bigintFromBytes(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);
}

/**
 * `value` as unsigned big-endian bytes: minimal (no leading zero byte, 0 is one zero byte), or
 * left-padded with zeros to `length` bytes when given. Throws a RangeError when it does not fit.
 */
export function bytesFromBigint(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new RangeError('a negative value has no unsigned encoding');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (length !== undefined) {
    if (hex.length > length * 2) throw new RangeError(`a ${hex.length / 2}-byte value does not fit in ${length} bytes`);
    hex = hex.padStart(length * 2, '0');
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/** Whether `y` can be a peer's public value: 1 < y < p - 1 (0, 1 and p - 1 give a shared secret anyone knows). */
export function isValidPublicValue(y: bigint): boolean {
  return y > 1n && y < SAMETIME_DH_PRIME - 1n;
}

/**
 * One side's Diffie-Hellman key pair over the protocol's group: a 512-bit private value drawn from
 * the injected `Random`, and its public value g^x mod p, computed on first use. Each exponentiation
 * (the public value once, a shared secret per peer) costs a fraction of a millisecond: callers
 * cache shared secrets per peer key.
 */
export class DhKeyPair {
  readonly #private: bigint;
  #public: bigint | undefined;
  #exponentiations = 0;

  constructor(random: Random) {
    this.#private = bigintFromBytes(random.bytes(DH_KEY_BYTES));
  }

  /** Modular exponentiations this key pair has run (its public value, and one per shared secret). */
  get exponentiations(): number {
    return this.#exponentiations;
  }

  /**
   * The public value (generator to the private exponent, modulo the Sametime prime) to send the peer;
   * computed once.
   */
  get publicValue(): bigint {
    if (this.#public === undefined) {
      this.#exponentiations++;
      this.#public = modPow(SAMETIME_DH_GENERATOR, this.#private, SAMETIME_DH_PRIME);
    }
    return this.#public;
  }

  /** The public value, minimal big-endian (as a client sends it), or left-padded to `length` (a server: 64). */
  publicKey(length?: number): Uint8Array {
    return bytesFromBigint(this.publicValue, length);
  }

  /**
   * The shared secret with a peer's public key (unsigned big-endian, leading zero bytes allowed) as
   * a minimal big-endian byte string; `undefined` when the peer's value is out of range.
   */
  sharedSecret(peerKey: Uint8Array): Uint8Array | undefined {
    const y = bigintFromBytes(peerKey);
    if (!isValidPublicValue(y)) return undefined;
    this.#exponentiations++;
    return bytesFromBigint(modPow(y, this.#private, SAMETIME_DH_PRIME));
  }

  /** Never prints the private value. */
  toJSON(): string {
    return 'DhKeyPair(redacted)';
  }
}
