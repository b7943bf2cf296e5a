import { describe, expect, it } from 'vitest';
import { clockTime, count, decimal, duration, percent, wallTime } from '../../src/cli/format.js';

describe('number formatting, en-US whatever the machine', () => {
  it('groups thousands and rounds to whole numbers', () => {
    expect(count(0)).toBe('0');
    expect(count(-0.2)).toBe('0');
    expect(count(999)).toBe('999');
    expect(count(1234.5)).toBe('1,235');
    expect(count(-1_234_567)).toBe('-1,234,567');
    expect(count(100_000)).toBe('100,000');
  });

  it('gives shares, decimals and durations one decimal', () => {
    expect(percent(0.8713)).toBe('87.1%');
    expect(percent(0)).toBe('0.0%');
    expect(decimal(12345.67)).toBe('12,345.7');
    expect(wallTime(850)).toBe('850 ms');
    expect(wallTime(2_612)).toBe('2.6 s');
    expect(duration(45_000)).toBe('45 s');
    expect(duration(1_500)).toBe('1.5 s');
    expect(duration(8 * 60_000)).toBe('8 min');
    expect(duration(90 * 60_000)).toBe('1 h 30 min');
    expect(clockTime(3_723_004, true)).toBe('01:02:03.004');
  });
});
