import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../src/random/seeded-random.js';

function draw(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.uint32());
}

describe('createRandom: reproducible sequences', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(createRandom(42), 100)).toEqual(draw(createRandom(42), 100));
    expect(draw(createRandom('device:2100000A'), 100)).toEqual(draw(createRandom('device:2100000A'), 100));
  });

  it('gives different sequences for different seeds, and tells a number seed from the same text', () => {
    const sequences = [createRandom(1), createRandom(2), createRandom(42), createRandom('42'), createRandom('')].map(
      (random) => draw(random, 8).join(','),
    );
    expect(new Set(sequences).size).toBe(sequences.length);
  });

  it('pins the first uint32 values for seed 42, so any change to the generator is caught', () => {
    // Computed once from this implementation and cross-checked against an independent xoshiro128**
    // (which reproduces the published vector 11520, 0, 5927040, 70819200 for state {1, 2, 3, 4}).
    expect(draw(createRandom(42), 5)).toEqual([2831863658, 3479028559, 2787297134, 3672501815, 4086891875]);
  });

  it('rejects a seed that is not a finite number', () => {
    for (const seed of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => createRandom(seed)).toThrow(RangeError);
    }
  });

  it('returns whole unsigned 32-bit values', () => {
    const outside = draw(createRandom('uint32'), 1_000).filter((x) => !Number.isInteger(x) || x < 0 || x >= 2 ** 32);
    expect(outside).toEqual([]);
  });
});

describe('Random.fork', () => {
  it('depends only on the seed and the label, not on how much the parent was used', () => {
    const fresh = createRandom(7).fork('device/1');
    const used = createRandom(7);
    draw(used, 1_000);
    used.float();
    used.bytes(13);

    expect(draw(used.fork('device/1'), 20)).toEqual(draw(fresh, 20));
  });

  it('does not move the parent: forking leaves the parent sequence as it was', () => {
    const parent = createRandom(7);
    parent.fork('a');
    parent.fork('b').uint32();
    expect(draw(parent, 10)).toEqual(draw(createRandom(7), 10));
  });

  it('gives different sequences for different labels, different seeds, and differs from its parent', () => {
    const sequences = [
      createRandom(7),
      createRandom(7).fork('a'),
      createRandom(7).fork('b'),
      createRandom(8).fork('a'),
      createRandom(7).fork('a').fork('a'),
    ].map((random) => draw(random, 8).join(','));
    expect(new Set(sequences).size).toBe(sequences.length);
  });
});

describe('Random.int', () => {
  it.each([1, 2, 3, 7, 10, 1_000, 2 ** 31 + 1, 2 ** 32])('stays in [0, %i) and returns integers', (bound) => {
    const random = createRandom(`int/${bound}`);
    const values = Array.from({ length: 2_000 }, () => random.int(bound));
    expect(values.filter((x) => !Number.isInteger(x) || x < 0 || x >= bound)).toEqual([]);
  });

  it('hits every value of a small range about equally often', () => {
    const random = createRandom('int/spread');
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 6_000; i++) counts[random.int(6)]!++;
    for (const count of counts) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1_150);
    }
  });

  it('has no modulo bias for a bound that does not divide 2^32', () => {
    // With plain `uint32() % bound` and bound = 3 * 2^30, values below 2^30 would come up half the time, not a third.
    const random = createRandom('int/bias');
    const bound = 3 * 2 ** 30;
    let low = 0;
    for (let i = 0; i < 3_000; i++) if (random.int(bound) < 2 ** 30) low++;
    expect(low).toBeGreaterThan(900);
    expect(low).toBeLessThan(1_100);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 32 + 1])('rejects a bound of %s', (bound) => {
    expect(() => createRandom(1).int(bound)).toThrow(RangeError);
  });
});

describe('Random.bytes', () => {
  it.each([0, 1, 2, 3, 4, 5, 7, 9, 31, 33])('returns exactly %i bytes', (n) => {
    const bytes = createRandom('bytes').bytes(n);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(n);
  });

  it('takes each group of four bytes from one uint32, low byte first, dropping the unused tail', () => {
    const words = draw(createRandom('bytes/layout'), 2);
    const expected = words.flatMap((word) => [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]);
    expect([...createRandom('bytes/layout').bytes(6)]).toEqual(expected.slice(0, 6));
  });

  it('is not all one value', () => {
    expect(new Set(createRandom('bytes/spread').bytes(256)).size).toBeGreaterThan(100);
  });
});

describe('Random.float', () => {
  it('stays in [0, 1) and averages about one half', () => {
    const random = createRandom('float');
    const values = Array.from({ length: 10_000 }, () => random.float());
    expect(values.filter((x) => !(x >= 0 && x < 1))).toEqual([]);
    const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('uses 53 bits: values are not all multiples of 2^-32', () => {
    const random = createRandom('float/bits');
    const fine = Array.from({ length: 100 }, () => random.float()).filter((x) => (x * 2 ** 32) % 1 !== 0);
    expect(fine.length).toBeGreaterThan(90);
  });
});

describe('fork paths', () => {
  it('keeps a label with a slash apart from two forks', () => {
    expect(draw(createRandom('a/b'), 2)).not.toEqual(draw(createRandom('a').fork('b'), 2));
    expect(draw(createRandom(1).fork('x/y'), 2)).not.toEqual(draw(createRandom(1).fork('x').fork('y'), 2));
  });
});
