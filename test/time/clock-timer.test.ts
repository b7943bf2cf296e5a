import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import { SametimeAdapter, SametimeServer } from '../../src/sametime/index.js';
import { ClockError } from '../../src/time/clock-error.js';
import type { Clock } from '../../src/time/clock.js';
import { SystemClock } from '../../src/time/system-clock.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

describe('VirtualClock.timer', () => {
  it('wakes in (time, insertion) order among sleepers, each wake-up running before the next', async () => {
    const clock = new VirtualClock();
    const woke: string[] = [];
    void clock.sleep(10).then(() => woke.push(`sleep-a@${clock.now()}`));
    clock.timer(10, () => woke.push(`timer-b@${clock.now()}`));
    clock.timer(5, () => {
      woke.push(`timer-c@${clock.now()}`);
      void Promise.resolve().then(() => woke.push('after-c'));
    });
    void clock.sleep(10).then(() => woke.push(`sleep-d@${clock.now()}`));
    expect(clock.pending).toBe(4);

    await clock.runUntilIdle();

    expect(woke).toEqual(['timer-c@5', 'after-c', 'sleep-a@10', 'timer-b@10', 'sleep-d@10']);
    expect(clock.pending).toBe(0);
  });

  it('never wakes once cancelled, holds nothing pending, and lets time stand still', async () => {
    const clock = new VirtualClock();
    let woke = false;
    const cancel = clock.timer(30_000, () => (woke = true));
    expect(clock.pending).toBe(1);
    cancel();
    cancel();
    expect(clock.pending).toBe(0);
    await clock.runUntilIdle();
    expect(woke).toBe(false);
    expect(clock.now()).toBe(0);
  });

  it('makes cancelling after the wake-up a no-op', async () => {
    const clock = new VirtualClock();
    let wakes = 0;
    const cancel = clock.timer(1, () => wakes++);
    await clock.advance(1);
    cancel();
    expect(wakes).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('forgets a million cancelled timers without time moving', () => {
    const clock = new VirtualClock();
    for (let i = 0; i < 1_000_000; i++) clock.timer(30_000, () => {})();
    expect(clock.pending).toBe(0);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses a duration of %s with ClockError', (ms) => {
    expect(() => new VirtualClock().timer(ms, () => {})).toThrow(ClockError);
  });
});

describe('SystemClock.timer', () => {
  it('wakes after the time has passed, unless cancelled', async () => {
    const clock = new SystemClock();
    const woke: string[] = [];
    clock.timer(1, () => woke.push('kept'));
    const cancel = clock.timer(1, () => woke.push('cancelled'));
    cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(woke).toEqual(['kept']);
  });
});

describe("a Sametime login timeout on a clock of the user's own", () => {
  it("times the login out through the clock's timer, and leaves nothing pending", async () => {
    const virtual = new VirtualClock();
    const timers: number[] = [];
    const clock: Clock = {
      now: () => virtual.now(),
      sleep: (ms, signal) => virtual.sleep(ms, signal),
      timer: (ms, wake) => {
        timers.push(ms);
        return virtual.timer(ms, wake);
      },
    };
    const server = new SametimeServer({
      clock,
      random: createRandom(1),
      capacity: 10,
      users: [['alice', 'pw']],
      fault: 'silent',
    });
    const adapter = new SametimeAdapter({
      connector: server.connector(),
      clock,
      random: createRandom(2),
      host: 'st',
      sessionLimit: 10,
      loginTimeoutMs: 5_000,
    });

    const silent = adapter.serve({ kind: 'login', userId: 'alice', password: 'pw', pin: '2100000A' });
    await virtual.advance(4_999);
    expect(virtual.pending).toBe(1);
    await virtual.advance(1);
    expect(await silent).toEqual({ kind: 'login', ok: false, failure: { status: 'failed', reason: 'timeout' } });
    expect(timers).toEqual([5_000]);

    server.fault = 'none';
    const quick = await adapter.serve({ kind: 'login', userId: 'alice', password: 'pw', pin: '2100000A' });
    expect(quick).toMatchObject({ kind: 'login', ok: true });
    expect(virtual.pending).toBe(0);
  });
});
