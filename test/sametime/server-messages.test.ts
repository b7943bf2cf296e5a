import { describe, expect, it } from 'vitest';
import { sametimeBackend, type BackendFactory, type ImEvent, type SametimeBackend } from '../../src/index.js';
import { eventsOf, pinFor, testBes } from '../pipeline/bes-fixture.js';

/** The default backend, with every event it reports to the Collaboration Service kept as well. */
function recordingBackend() {
  const reported: ImEvent[] = [];
  const backend: BackendFactory<SametimeBackend> = (context) =>
    sametimeBackend()({
      ...context,
      events: (event) => {
        reported.push(event);
        context.events(event);
      },
    });
  return { backend, reported };
}

describe('messages a Sametime server sends to a live session, through createBes', () => {
  it('an administrator’s broadcast is a trace event, not a close: the device’s next status is ok', async () => {
    const { backend, reported } = recordingBackend();
    const { bes, clock, events, loggedIn } = testBes({ backend });
    const device = await loggedIn(1, 'alice');
    const [session] = bes.backend.server.sessionsOf('alice');
    expect(bes.backend.server.broadcast('The server restarts at 22:00')).toBe(1);
    await clock.advance(0); // lets the ADMIN travel the link

    expect(reported).toEqual([
      {
        kind: 'server-message',
        pin: pinFor(1),
        connectionId: session!.connectionId,
        text: 'The server restarts at 22:00',
      },
    ]);
    const traced = eventsOf(events, 'collaboration-service', 'server-message');
    expect(traced).toEqual([
      expect.objectContaining({ direction: 'reply', pin: pinFor(1), outcome: session!.connectionId }),
    ]);
    expect(eventsOf(events, 'sametime-adapter', 'server-message')).toEqual([
      expect.objectContaining({ pin: pinFor(1), message: 'ADMIN', outcome: 'admin' }),
    ]);

    expect(await device.sendStatus('busy')).toEqual({ status: 'ok' });
    expect(bes.backend.server.session(session!.connectionId)?.lastStatus?.status).toBe(0x0280);
    expect(await bes.sessions.count()).toBe(1);
    expect(await device.logout()).toEqual({ status: 'logged-out' });
  });

  it('an announcement reaches only its session, which stays open; none is reported after logout', async () => {
    const { backend, reported } = recordingBackend();
    const { bes, clock, loggedIn } = testBes({ backend });
    const alice = await loggedIn(1, 'alice');
    const bob = await loggedIn(2, 'bob');
    const [bobs] = bes.backend.server.sessionsOf('bob');
    expect(bes.backend.server.announce(bobs!.connectionId, 'lunch?', 'carol')).toBe(true);
    await clock.advance(0);
    expect(reported).toEqual([
      { kind: 'server-message', pin: pinFor(2), connectionId: bobs!.connectionId, text: 'lunch?' },
    ]);
    expect(await bob.sendStatus('away')).toEqual({ status: 'ok' });
    expect(await alice.sendStatus('away')).toEqual({ status: 'ok' });

    expect(await bob.logout()).toEqual({ status: 'logged-out' });
    expect(bes.backend.server.broadcast('again')).toBe(1);
    await clock.advance(0);
    expect(reported.map((e) => e.kind === 'server-message' && e.pin)).toEqual([pinFor(2), pinFor(1)]);
  });
});
