import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import { SametimeServer } from '../../src/sametime/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

describe('InProcessConnector.settlesAtOnce', () => {
  it('says a connect waits on nothing only when the link has no latency', async () => {
    const clock = new VirtualClock();
    const server = (latencyMs: number) => new SametimeServer({ clock, random: createRandom(1), capacity: 1, latencyMs });
    expect(server(0).connector().settlesAtOnce).toBe(true);
    expect(server(5).connector().settlesAtOnce).toBe(false);

    // And it does not: the link arrives before any timer on the clock can fire.
    let connected = false;
    void server(0).connector().connect('st', 1533).then(() => (connected = true));
    let fired = false;
    clock.timer(0, () => (fired = connected));
    await clock.runUntilIdle();
    expect(fired).toBe(true);
  });
});
