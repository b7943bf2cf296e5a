import { describe, expect, it } from 'vitest';
import { microtask } from '../../src/time/microtask.js';

describe('microtask', () => {
  it('runs its tasks after the current turn, in the order queueMicrotask and promise callbacks would run', async () => {
    const ran: string[] = [];
    microtask(() => ran.push('a'));
    queueMicrotask(() => ran.push('b'));
    void Promise.resolve().then(() => ran.push('c'));
    microtask(() => {
      ran.push('d');
      microtask(() => ran.push('f'));
      queueMicrotask(() => ran.push('g'));
    });
    queueMicrotask(() => ran.push('e'));
    expect(ran).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });
});
