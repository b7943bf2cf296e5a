import { describe, expect, it } from 'vitest';
import { ContractAssertionError, expect as contractExpect, fail } from '../../src/testing/contract-expect.js';

function failure(check: () => void): ContractAssertionError {
  try {
    check();
  } catch (error) {
    if (error instanceof ContractAssertionError) return error;
    throw error;
  }
  throw new Error('the check passed');
}

describe("the contract suites' own checks", () => {
  it('toEqual compares records and arrays deeply, a property holding undefined counting as absent', () => {
    contractExpect({ a: 1, b: [1, { c: 'x' }], d: undefined }).toEqual({ a: 1, b: [1, { c: 'x' }] });
    contractExpect([]).toEqual([]);
    expect(failure(() => contractExpect({ a: 1 }).toEqual({ a: 2 })).message).toBe('expected {"a":1} to equal {"a":2}');
    failure(() => contractExpect([1, 2]).toEqual([1, 2, 3]));
    failure(() => contractExpect({ a: 1 }).toEqual({ a: 1, b: 2 }));
    failure(() => contractExpect(new Map()).toEqual({}));
  });

  it('toBe is Object.is, and a label names the value in the message', () => {
    contractExpect(Number.NaN).toBe(Number.NaN);
    const error = failure(() => contractExpect(0, 'step 3').toBe(-0));
    expect(error.message).toBe('step 3: expected 0 to be 0');
    expect(error.actual).toBe(0);
    expect(error.expected).toBe(-0);
    expect(error.name).toBe('ContractAssertionError');
  });

  it('checks presence, type, bounds and length', () => {
    contractExpect(undefined).toBeUndefined();
    contractExpect(null).toBeDefined();
    contractExpect(Promise.resolve()).toBeInstanceOf(Promise);
    contractExpect(3).toBeGreaterThanOrEqual(3);
    contractExpect(3).toBeLessThanOrEqual(3);
    contractExpect([1]).toHaveLength(1);
    expect(failure(() => contractExpect(1).toBeUndefined()).message).toBe('expected 1 to be undefined');
    expect(failure(() => contractExpect(undefined).toBeDefined()).message).toBe('expected undefined to be defined');
    expect(failure(() => contractExpect(1).toBeInstanceOf(Promise)).message).toBe(
      'expected 1 to be an instance of Promise',
    );
    expect(failure(() => contractExpect('3').toBeGreaterThanOrEqual(1)).message).toBe('expected "3" to be >= 1');
    expect(failure(() => contractExpect(4).toBeLessThanOrEqual(3)).message).toBe('expected 4 to be <= 3');
    expect(failure(() => contractExpect([]).toHaveLength(1)).message).toBe('expected [] to have length 1, not 0');
    expect(failure(() => fail('the store threw')).message).toBe('the store threw');
  });
});
