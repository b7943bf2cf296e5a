import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue, type Sleeper } from '../../src/time/timer-queue.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

function sleeper(time: number, order: number): Sleeper {
  return { time, order, wake: () => undefined, deferred: true };
}

function drain(queue: TimerQueue): number[] {
  const orders: number[] = [];
  for (let next = queue.pop(); next !== undefined; next = queue.pop())
    if (next.wake !== undefined) orders.push(next.order);
  return orders;
}

describe('TimerQueue.dropCancelledTail', () => {
  it('drops a timer cancelled right after it was set, and nothing else', () => {
    const queue = new TimerQueue();
    const first = sleeper(10, 0);
    const second = sleeper(20, 1);
    queue.push(first);
    queue.push(second);
    second.wake = undefined;
    queue.dropCancelledTail();
    expect(queue.size).toBe(1);
    expect(queue.peek()).toBe(first);
  });

  it('keeps a cancelled timer that is not at the end until the ones after it go', () => {
    const queue = new TimerQueue();
    const sleepers = [sleeper(10, 0), sleeper(20, 1), sleeper(30, 2)];
    for (const s of sleepers) queue.push(s);
    sleepers[1]!.wake = undefined;
    queue.dropCancelledTail();
    expect(queue.size).toBe(3);
    sleepers[2]!.wake = undefined;
    queue.dropCancelledTail();
    expect(queue.size).toBe(1);
  });

  it('still gives the live timers in time order, whatever is set and cancelled in between', () => {
    const step = fc.oneof(fc.record({ set: fc.integer({ min: 0, max: 50 }) }), fc.record({ cancel: fc.nat() }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        const queue = new TimerQueue();
        const set: Sleeper[] = [];
        for (const s of steps) {
          if ('set' in s) {
            const next = sleeper(s.set, set.length);
            set.push(next);
            queue.push(next);
          } else if (set.length > 0) {
            set[s.cancel % set.length]!.wake = undefined;
            queue.dropCancelledTail();
          }
        }
        const expected = set
          .filter((s) => s.wake !== undefined)
          .sort((a, b) => a.time - b.time || a.order - b.order)
          .map((s) => s.order);
        expect(drain(queue)).toEqual(expected);
      }),
    );
  });
});

describe('VirtualClock: a timeout set and cancelled over and over', () => {
  it('wakes the timer set before them at its time, and time stops there', async () => {
    const clock = new VirtualClock();
    let woke = 0;
    clock.timer(100, () => woke++);
    for (let i = 0; i < 10_000; i++) clock.timer(30_000, () => woke++)();
    expect(clock.pending).toBe(1);
    await clock.runUntilIdle();
    expect(woke).toBe(1);
    expect(clock.now()).toBe(100);
  });
});
