/** What a new user types first: the BES typed by its clock and backend, ids that tie up, traces that say who. */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createBes } from '../../src/bes.js';
import type { TraceEvent } from '../../src/pipeline/trace.js';
import { sametimeBackend } from '../../src/sametime/sametime-backend.js';
import { SametimeServer } from '../../src/sametime/server/sametime-server.js';
import { SystemClock } from '../../src/time/system-clock.js';
import type { VirtualClock } from '../../src/time/virtual-clock.js';
import { passwordOf, pinFor, testBes } from './bes-fixture.js';

describe('a BES is typed by its clock and its backend', () => {
  it('has a VirtualClock it can advance when no clock is given, and the clock it was given otherwise', async () => {
    const bes = createBes({ seed: 1 });
    expectTypeOf(bes.clock).toEqualTypeOf<VirtualClock>();
    await bes.clock.advance(1_000);
    expect(bes.clock.now()).toBe(1_000);

    const system = createBes({ seed: 1, clock: new SystemClock() });
    expectTypeOf(system.clock).toEqualTypeOf<SystemClock>();
    expect(system.clock).toBeInstanceOf(SystemClock);
  });

  it('has its simulated Sametime server at bes.backend.server, with no undefined to rule out', () => {
    const bes = createBes({ seed: 1, backend: sametimeBackend({ capacity: 3 }) });
    expectTypeOf(bes.backend.server).toEqualTypeOf<SametimeServer>();
    expect(bes.backend.server.capacity).toBe(3);
    expect(createBes({ seed: 1 }).backend.server).toBeInstanceOf(SametimeServer);
  });
});

describe('ids and traces that tie up', () => {
  it('names the 1533 link in a capture with the connection id the session is cached under', async () => {
    const links: string[] = [];
    const t = testBes({ backend: sametimeBackend({ capture: (_direction, _bytes, linkId) => links.push(linkId) }) });
    await t.loggedIn(1, 'alice');
    const record = await t.bes.sessions.getByPin(pinFor(1));
    expect(new Set(links)).toEqual(new Set([record!.connectionId]));
    expect(t.bes.backend.server.session(record!.connectionId)?.userId).toBe('alice');
  });

  it("puts the device PIN on the Sametime server's events, and says its frames are not sealed", async () => {
    const t = testBes();
    await t.activate(3, 'bob').login({ userId: 'bob', password: passwordOf('bob') });
    const server: TraceEvent[] = t.events.filter((e) => e.hop === 'sametime-server');
    expect(server.length).toBeGreaterThan(3);
    for (const event of server) expect(event.pin, `${event.action} ${event.message ?? ''}`).toBe(pinFor(3));
    const sent = server.filter((e) => e.action === 'sent');
    expect(sent.map((e) => [e.message, e.sealed])).toEqual([
      ['HANDSHAKE_ACK', false],
      ['LOGIN_ACK', false],
    ]);
  });
});
