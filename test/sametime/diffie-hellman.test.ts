import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  bigintFromBytes,
  bytesFromBigint,
  DH_KEY_BYTES,
  DhKeyPair,
  isValidPublicValue,
  modPow,
  SAMETIME_DH_GENERATOR,
  SAMETIME_DH_PRIME,
} from '../../src/sametime/index.js';
import { fuzz } from './fuzz-settings.js';

/** Plain binary square and multiply, to check the windowed one against. */
function slowModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const bigNat = fc.uint8Array({ maxLength: 64 }).map(bigintFromBytes);

describe('Diffie-Hellman over the Sametime group', () => {
  it('has the protocol’s 64-byte prime and generator 3', () => {
    expect(bytesFromBigint(SAMETIME_DH_PRIME)).toHaveLength(64);
    expect(Buffer.from(bytesFromBigint(SAMETIME_DH_PRIME)).toString('hex')).toBe(
      'cf84afce86ddfa527f136d10357528eefba0afef808f29174e3b6a9e970001717c8f106c41c161a6ce91057b34da62cbb87bfdc1b35c1b910fea72249d566b9f',
    );
    expect(SAMETIME_DH_GENERATOR).toBe(3n);
  });

  it('computes modular powers as plain square and multiply does', () => {
    fc.assert(
      fc.property(bigNat, bigNat, (base, exponent) => {
        expect(modPow(base, exponent, SAMETIME_DH_PRIME)).toBe(slowModPow(base, exponent, SAMETIME_DH_PRIME));
      }),
      { ...fuzz, numRuns: Math.min(fuzz.numRuns, 50) },
    );
    expect(modPow(5n, 0n, 7n)).toBe(1n);
    expect(modPow(3n, 6n, 7n)).toBe(1n); // Fermat
  });

  it('gives both sides the same secret, whatever the padding of the public values', () => {
    const a = new DhKeyPair(createRandom('dh-a'));
    const b = new DhKeyPair(createRandom('dh-b'));
    const fromA = a.sharedSecret(b.publicKey(DH_KEY_BYTES))!;
    const fromB = b.sharedSecret(a.publicKey())!;
    expect(Buffer.from(fromA)).toEqual(Buffer.from(fromB));
    expect(fromA[0]).not.toBe(0); // minimal big-endian
    expect(b.publicKey(DH_KEY_BYTES)).toHaveLength(64);
    expect(bigintFromBytes(a.publicKey())).toBe(a.publicValue);
    expect(a.exponentiations).toBe(2);
  });

  it('draws the private value from the seeded generator: same seed, same public value', () => {
    const one = new DhKeyPair(createRandom('same'));
    const two = new DhKeyPair(createRandom('same'));
    const other = new DhKeyPair(createRandom('other'));
    expect(one.publicValue).toBe(two.publicValue);
    expect(one.publicValue).not.toBe(other.publicValue);
    expect(JSON.stringify({ one })).toBe('{"one":"DhKeyPair(redacted)"}');
  });

  it('refuses peer values anyone could predict the secret of: 0, 1, p - 1 and beyond', () => {
    const pair = new DhKeyPair(createRandom('dh-c'));
    for (const y of [0n, 1n, SAMETIME_DH_PRIME - 1n, SAMETIME_DH_PRIME, SAMETIME_DH_PRIME + 5n]) {
      expect(isValidPublicValue(y)).toBe(false);
      expect(pair.sharedSecret(bytesFromBigint(y))).toBeUndefined();
    }
    expect(pair.sharedSecret(new Uint8Array(0))).toBeUndefined();
    expect(pair.exponentiations).toBe(0);
  });

  it('converts between bigints and big-endian bytes, minimal or padded', () => {
    fc.assert(
      fc.property(bigNat, (n) => {
        expect(bigintFromBytes(bytesFromBigint(n))).toBe(n);
        expect(bigintFromBytes(bytesFromBigint(n, 64))).toBe(n);
      }),
      fuzz,
    );
    expect(Array.from(bytesFromBigint(0n))).toEqual([0]);
    expect(Array.from(bytesFromBigint(256n, 3))).toEqual([0, 1, 0]);
    expect(() => bytesFromBigint(1n << 512n, 64)).toThrow(RangeError);
    expect(() => bytesFromBigint(-1n)).toThrow(RangeError);
  });
});
