import { afterEach, describe, expect, it, vi } from 'vitest';
import { SystemClock } from '../../src/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Beyond this, Node's setTimeout fires after 1 ms instead (TimeoutOverflowWarning). */
const NODE_TIMEOUT_LIMIT_MS = 2 ** 31 - 1;

afterEach(() => {
  vi.useRealTimers();
});

describe('SystemClock with a wait longer than Node timers take (about 24.8 days)', () => {
  it('a timer of 30 days fires after 30 days, not after 1 ms', () => {
    vi.useFakeTimers();
    const clock = new SystemClock();
    const wake = vi.fn();
    clock.timer(30 * DAY_MS, wake);
    vi.advanceTimersByTime(NODE_TIMEOUT_LIMIT_MS);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30 * DAY_MS - NODE_TIMEOUT_LIMIT_MS - 1);
    expect(wake).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('a sleep of 30 days resolves after 30 days, and cancelling a long timer or sleep leaves nothing pending', async () => {
    vi.useFakeTimers();
    const clock = new SystemClock();
    let woke = false;
    const sleeping = clock.sleep(30 * DAY_MS).then(() => {
      woke = true;
    });
    await vi.advanceTimersByTimeAsync(29 * DAY_MS);
    expect(woke).toBe(false);
    await vi.advanceTimersByTimeAsync(DAY_MS);
    await sleeping;
    expect(woke).toBe(true);

    const cancel = clock.timer(60 * DAY_MS, () => {
      throw new Error('cancelled timer fired');
    });
    await vi.advanceTimersByTimeAsync(30 * DAY_MS);
    cancel();
    const controller = new AbortController();
    const aborted = clock.sleep(60 * DAY_MS, controller.signal).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(30 * DAY_MS);
    controller.abort(new Error('stop'));
    expect(await aborted).toEqual(new Error('stop'));
    expect(vi.getTimerCount()).toBe(0);
  });
});
