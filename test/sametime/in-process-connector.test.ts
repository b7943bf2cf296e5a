import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import { SametimeServer, type ConnectRequest } from '../../src/sametime/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

describe('InProcessConnector', () => {
  const clock = new VirtualClock();
  const server = (latencyMs: number) => new SametimeServer({ clock, random: createRandom(1), capacity: 1, latencyMs });

  it('connects before any timer on the clock can fire when the link has no latency, and asks for no way to cancel', async () => {
    let connected = false;
    let cancellable = false;
    const request: ConnectRequest = { pin: '2100000A', onCancel: () => (cancellable = true) };
    void server(0)
      .connector()
      .connect('st', 1533, request)
      .then(() => (connected = true));
    let fired = false;
    clock.timer(0, () => (fired = connected));
    await clock.runUntilIdle();
    expect(fired).toBe(true);
    expect(cancellable).toBe(false);
  });

  it('with latency, waits on the clock and can be cancelled, leaving nothing pending', async () => {
    let cancel: (() => void) | undefined;
    const connecting = server(50)
      .connector()
      .connect('st', 1533, { onCancel: (c) => (cancel = c) });
    expect(clock.pending).toBe(1);
    cancel!();
    await expect(connecting).rejects.toMatchObject({ code: 'aborted' });
    expect(clock.pending).toBe(0);
  });

  it('names the link after host, port and a count, and carries the PIN it was opened for', async () => {
    const link = await server(0)
      .connector()
      .connect('st', 1533, { pin: '2100000B', onCancel: () => {} });
    expect(link.id).toBe('st:1533#1');
    expect(link.pin).toBe('2100000B');
  });
});
