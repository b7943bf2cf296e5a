import { describe, expect, it } from 'vitest';
import { ClockError } from '../../src/time/clock-error.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { createRandom } from '../../src/random/seeded-random.js';

/** What a caller who awaits `action()` sees fail, whether it throws at once or rejects later. */
async function failureOf(action: () => unknown): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, it succeeded');
}

async function clockErrorOf(action: () => unknown): Promise<ClockError> {
  const error = await failureOf(action);
  expect(error).toBeInstanceOf(ClockError);
  return error as ClockError;
}

describe('VirtualClock: order of wake-ups', () => {
  it('wakes sleepers by due time, and sleepers due at the same time in the order they went to sleep', async () => {
    const clock = new VirtualClock();
    const woke: string[] = [];
    const sleep = (label: string, ms: number): void => {
      void clock.sleep(ms).then(() => woke.push(`${label}@${clock.now()}`));
    };
    sleep('a', 30);
    sleep('b', 10);
    sleep('c', 20);
    sleep('d', 10);
    sleep('e', 0);
    sleep('f', 10);

    await clock.runUntilIdle();

    expect(woke).toEqual(['e@0', 'b@10', 'd@10', 'f@10', 'c@20', 'a@30']);
  });

  it('orders hundreds of sleepers as a stable sort by due time would', async () => {
    const clock = new VirtualClock();
    const random = createRandom('virtual-clock/many-sleepers');
    const due = Array.from({ length: 500 }, () => random.int(40));
    const woke: number[] = [];
    due.forEach((ms, index) => {
      void clock.sleep(ms).then(() => woke.push(index));
    });

    await clock.runUntilIdle();

    const expected = due
      .map((ms, index) => ({ ms, index }))
      .sort((a, b) => a.ms - b.ms || a.index - b.index)
      .map(({ index }) => index);
    expect(woke).toEqual(expected);
  });

  it('runs the promise callbacks one wake-up sets off before the next sleeper due at the same time wakes', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const step = async (depth: number): Promise<void> => {
      if (depth === 0) return;
      await Promise.resolve();
      await step(depth - 1);
    };
    void (async () => {
      await clock.sleep(10);
      log.push('A woke');
      await step(50);
      log.push('A finished a chain of 100 awaits');
      await clock.sleep(0);
      log.push('A slept again');
    })();
    void (async () => {
      await clock.sleep(10);
      log.push('B woke');
    })();

    await clock.advance(10);

    expect(log).toEqual(['A woke', 'A finished a chain of 100 awaits', 'B woke', 'A slept again']);
  });

  it('shows each sleeper the time it was due, even when one advance jumps past several', async () => {
    const clock = new VirtualClock({ start: 100 });
    const seen: number[] = [];
    void (async () => {
      await clock.sleep(5);
      seen.push(clock.now());
      await clock.sleep(5);
      seen.push(clock.now());
    })();

    await clock.advance(1_000);

    expect(seen).toEqual([105, 110]);
    expect(clock.now()).toBe(1_100);
  });
});

describe('VirtualClock: moving time', () => {
  it('starts at 0, or at the start it is given', () => {
    expect(new VirtualClock().now()).toBe(0);
    expect(new VirtualClock({ start: 1_234 }).now()).toBe(1_234);
  });

  it('advance moves now() by exactly the duration and wakes only the sleepers due by then', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    for (const ms of [5, 10, 11]) void clock.sleep(ms).then(() => woke.push(ms));
    expect(clock.pending).toBe(3);

    await clock.advance(10);
    expect(clock.now()).toBe(10);
    expect(woke).toEqual([5, 10]);
    expect(clock.pending).toBe(1);

    await clock.advance(0);
    expect(clock.now()).toBe(10);
    expect(woke).toEqual([5, 10]);

    await clock.advance(1);
    expect(clock.now()).toBe(11);
    expect(woke).toEqual([5, 10, 11]);
    expect(clock.pending).toBe(0);
  });

  it('advanceTo moves forward to the given time and never backwards', async () => {
    const clock = new VirtualClock({ start: 50 });
    let woke = false;
    void clock.sleep(25).then(() => {
      woke = true;
    });

    await clock.advanceTo(60);
    expect(clock.now()).toBe(60);
    expect(woke).toBe(false);

    await clock.advanceTo(10);
    expect(clock.now()).toBe(60);
    expect(woke).toBe(false);

    await clock.advanceTo(75);
    expect(clock.now()).toBe(75);
    expect(woke).toBe(true);
  });

  it('runUntilIdle wakes everyone, including sleepers started on the way, and stops at the last due time', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(100);
        woke.push(clock.now());
      }
    })();
    void clock.sleep(250).then(() => woke.push(clock.now()));

    await clock.runUntilIdle();

    expect(woke).toEqual([100, 200, 250, 300]);
    expect(clock.now()).toBe(300);
    expect(clock.pending).toBe(0);
  });

  it('runUntilIdle on an idle clock leaves the time where it is', async () => {
    const clock = new VirtualClock({ start: 7 });
    await clock.runUntilIdle();
    expect(clock.now()).toBe(7);
  });
});

describe('VirtualClock: cancelling a sleep', () => {
  it('rejects with the signal reason, drops the sleeper from pending, and never wakes it', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    let resolved = false;
    const sleeping = clock.sleep(100, controller.signal).then(() => {
      resolved = true;
    });
    void clock.sleep(200);
    expect(clock.pending).toBe(2);

    const reason = new Error('the user logged out');
    controller.abort(reason);

    await expect(sleeping).rejects.toBe(reason);
    expect(clock.pending).toBe(1);
    await clock.runUntilIdle();
    expect(resolved).toBe(false);
    expect(clock.now()).toBe(200);
  });

  it('rejects at once, holding nothing, when the signal has already aborted', async () => {
    const clock = new VirtualClock();
    const reason = new Error('already gone');

    await expect(clock.sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.pending).toBe(0);
  });

  it('ignores an abort that comes after the sleeper woke', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(10, controller.signal);

    await clock.advance(10);
    controller.abort(new Error('too late'));

    await expect(sleeping).resolves.toBeUndefined();
    expect(clock.pending).toBe(0);
  });
});

describe('VirtualClock: misuse', () => {
  it.each([-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'rejects a sleep or advance of %s ms with ClockError bad-duration and leaves the clock as it was',
    async (ms) => {
      const clock = new VirtualClock({ start: 10 });

      expect((await clockErrorOf(() => clock.sleep(ms))).code).toBe('bad-duration');
      expect((await clockErrorOf(() => clock.advance(ms))).code).toBe('bad-duration');
      expect(clock.now()).toBe(10);
      expect(clock.pending).toBe(0);
    },
  );

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'rejects advanceTo(%s) with ClockError bad-duration without waking anyone',
    async (time) => {
      const clock = new VirtualClock();
      let woke = false;
      void clock.sleep(1_000).then(() => {
        woke = true;
      });

      expect((await clockErrorOf(() => clock.advanceTo(time))).code).toBe('bad-duration');
      await clock.advance(0);
      expect(woke).toBe(false);
      expect(clock.now()).toBe(0);
      expect(clock.pending).toBe(1);
    },
  );

  it('rejects a negative or non-finite start time', async () => {
    for (const start of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect((await clockErrorOf(() => new VirtualClock({ start }))).code).toBe('bad-duration');
    }
  });

  it('stops a runaway loop of sleeps with ClockError loop-limit instead of spinning forever', async () => {
    const clock = new VirtualClock({ loopLimit: 100 });
    let laps = 0;
    void (async () => {
      for (;;) {
        await clock.sleep(1);
        laps++;
      }
    })();

    const error = await clockErrorOf(() => clock.runUntilIdle());

    expect(error.code).toBe('loop-limit');
    expect(error.message).toMatch(/100/);
    expect(laps).toBe(100);
    // The clock is usable again: the failed call no longer counts as running.
    await expect(clock.advance(0)).resolves.toBeUndefined();
  });

  it('counts the loop limit per call: exactly loopLimit wake-ups pass, one more fails', async () => {
    const atLimit = new VirtualClock({ loopLimit: 5 });
    for (let i = 1; i <= 5; i++) void atLimit.sleep(i);
    await expect(atLimit.runUntilIdle()).resolves.toBeUndefined();

    const overLimit = new VirtualClock({ loopLimit: 5 });
    for (let i = 1; i <= 6; i++) void overLimit.sleep(i);
    expect((await clockErrorOf(() => overLimit.advance(10))).code).toBe('loop-limit');
    expect(overLimit.pending).toBe(1);
  });

  it('rejects a second advance while one is running with ClockError reentrant, and the first completes', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    void clock.sleep(10).then(() => woke.push(clock.now()));

    const first = clock.advance(10);
    expect((await clockErrorOf(() => clock.advance(5))).code).toBe('reentrant');
    expect((await clockErrorOf(() => clock.advanceTo(20))).code).toBe('reentrant');
    expect((await clockErrorOf(() => clock.runUntilIdle())).code).toBe('reentrant');

    await first;
    expect(woke).toEqual([10]);
    expect(clock.now()).toBe(10);
  });

  it('rejects an advance started from inside a woken sleeper with ClockError reentrant', async () => {
    const clock = new VirtualClock();
    let inner: unknown;
    void (async () => {
      await clock.sleep(1);
      inner = await failureOf(() => clock.advance(1));
    })();

    await clock.advance(1);

    expect(inner).toBeInstanceOf(ClockError);
    expect((inner as ClockError).code).toBe('reentrant');
    expect(clock.now()).toBe(1);
  });
});

describe('VirtualClock cancelled sleepers', () => {
  it('drops cancelled sleepers once they are most of the queue, and still wakes the rest in order', async () => {
    const clock = new VirtualClock();
    const woke: number[] = [];
    void clock.sleep(50).then(() => woke.push(50));
    void clock.sleep(10).then(() => woke.push(10));
    for (let i = 0; i < 5_000; i++) {
      const controller = new AbortController();
      clock.sleep(1_000 + i, controller.signal).catch(() => undefined);
      controller.abort();
    }
    expect(clock.pending).toBe(2);
    await clock.runUntilIdle();
    expect(woke).toEqual([10, 50]);
    expect(clock.now()).toBe(50);
  });
});
