import * as nodeCrypto from 'node:crypto';

/**
 * The one source of randomness in bes-collab: a seeded xoshiro128** generator. The same seed gives
 * the same sequence on every machine. It is for reproducible simulations, not for protecting real
 * traffic: keys drawn from it are as predictable as the seed.
 */
export interface Random {
  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number;
  /** A uniformly distributed integer in [0, bound), for 0 < bound <= 2^32. */
  int(bound: number): number;
  /** A uniformly distributed number in [0, 1). */
  float(): number;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
  /**
   * An independent generator for one part of a simulation (one device, one link). It depends only
   * on this generator's seed and the label, not on how much this generator has been used, so adding
   * a consumer elsewhere never shifts another's sequence.
   */
  fork(label: string): Random;
}

/** What seeds a generator: the same seed gives the same sequence, on every machine. */
export type Seed = number | string;

/** The longest string seed `createBes` and a scenario take: every generator fork hashes it again. */
export const MAX_SEED_LENGTH = 1024;

/**
 * SHA-512 by Node: the same bytes as tweetnacl's in a third of the time, and a million devices fork
 * a million generators. The one-shot `crypto.hash` where this Node has it (20.12 on), else a Hash.
 */
const sha512: (text: string) => Uint8Array =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha512', text, 'buffer')
    : (text) => nodeCrypto.createHash('sha512').update(text, 'utf8').digest();

/** The generator's state: the first 16 bytes of the SHA-512 of its path, as four 32-bit words. */
function seedState(path: string): [number, number, number, number] {
  const digest = sha512(`bes-collab/random/${path}`);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  const state: [number, number, number, number] = [
    view.getInt32(0, true),
    view.getInt32(4, true),
    view.getInt32(8, true),
    view.getInt32(12, true),
  ];
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  return state;
}

/** One length-prefixed step of a generator's path, so `fork('a/b')` and `fork('a').fork('b')` differ. */
function segment(label: string): string {
  return `/${label.length}:${label}`;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * The state is four 32-bit words held as int32 fields, not a Uint32Array: a million devices' generators
 * then cost one small object each, not an object, a typed array and its buffer (about 170 bytes).
 * Every step is bitwise, so the words' sign does not matter; only `uint32()` reads one as unsigned.
 */
class Xoshiro128 implements Random {
  readonly #path: string;
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(path: string) {
    this.#path = path;
    [this.#s0, this.#s1, this.#s2, this.#s3] = seedState(path);
  }

  uint32(): number {
    const s0 = this.#s0;
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    const s2 = this.#s2 ^ s0;
    const s3 = this.#s3 ^ s1;
    this.#s1 = s1 ^ s2;
    this.#s0 = s0 ^ s3;
    this.#s2 = s2 ^ t;
    this.#s3 = rotl(s3, 11);
    return result;
  }

  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x1_0000_0000) {
      throw new RangeError(`bound must be an integer in 1..2^32, got ${bound}`);
    }
    // Rejection sampling: drop the top partial range so every value is equally likely.
    const limit = 0x1_0000_0000 - (0x1_0000_0000 % bound);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % bound;
    }
  }

  float(): number {
    const high = this.uint32() >>> 5;
    const low = this.uint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      let x = this.uint32();
      for (let j = i; j < i + 4 && j < n; j++) {
        out[j] = x & 0xff;
        x >>>= 8;
      }
    }
    return out;
  }

  fork(label: string): Random {
    return new Xoshiro128(`${this.#path}${segment(label)}`);
  }
}

/** A generator for `seed`: the same seed, the same sequence, on every machine. */
export function createRandom(seed: Seed): Random {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new RangeError(`a seed must be a finite number or a string, got ${seed}`);
  }
  return new Xoshiro128(segment(`${typeof seed}:${String(seed)}`));
}
