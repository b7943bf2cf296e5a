import { describe, expect, it } from 'vitest';
import { ReasonCode, SametimeSessionClosedError, type SametimeServerMessage } from '../../src/sametime/index.js';
import { flush, harness, login, PASSWORD } from './harness.js';

async function loggedIn(options: Parameters<typeof harness>[0] = {}) {
  const h = harness(options);
  const result = await login(h.adapter, 'alice', PASSWORD);
  if (!result.ok) throw new Error(`login failed: ${result.failure.reason}`);
  return { ...h, session: result.session };
}

describe('SametimeSession', () => {
  it('relays available, away and busy to the server as mobile statuses', async () => {
    const { session, server, clock } = await loggedIn();
    await clock.advance(61_000);
    for (const [presence, code] of [
      ['away', 0x0260],
      ['busy', 0x0280],
      ['available', 0x0220],
    ] as const) {
      await session.sendStatus(presence);
      await flush();
      expect(server.session(session.connectionId)?.lastStatus).toEqual({
        status: code,
        time: 61,
        description: '',
        at: 61_000,
      });
    }
  });

  it('sends keepalive bytes the server counts and skips', async () => {
    const { session, server, clock } = await loggedIn();
    await clock.advance(10);
    session.sendKeepalive();
    session.sendKeepalive();
    await session.sendStatus('busy');
    await flush();
    expect(server.session(session.connectionId)).toMatchObject({
      keepalives: 2,
      lastSeenAt: 10,
      lastStatus: { status: 0x0280 },
    });
  });

  it('closes from the client: CHANNEL_DESTROY, then the connection; idempotent', async () => {
    const { session, server, clock } = await loggedIn();
    let serverClosed = false;
    session.onServerClose(() => (serverClosed = true));
    await session.close('logout');
    expect(session.open).toBe(false);
    await flush();
    expect(server.openSessionCount).toBe(0);
    expect(server.openConnectionCount).toBe(0);
    await session.close('logout');
    await expect(session.sendStatus('away')).rejects.toBeInstanceOf(SametimeSessionClosedError);
    await expect(session.sendStatus('away')).rejects.toMatchObject({ code: 'session-closed' });
    session.sendKeepalive(); // ignored
    expect(serverClosed).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('is forgotten by its adapter once closed from either side, so logins that come and go hold nothing', async () => {
    const h = harness();
    for (let round = 0; round < 3; round++) {
      const result = await login(h.adapter, 'alice', PASSWORD);
      if (!result.ok) throw new Error(`login failed: ${result.failure.reason}`);
      const { session } = result;
      expect(h.adapter.openSessions).toBe(1);
      expect(h.adapter.session(session.connectionId)).toBe(session);
      if (round === 1) h.server.closeSession(session.connectionId, ReasonCode.loggedInElsewhere);
      else await session.close('logout');
      await flush();
      expect(h.adapter.openSessions).toBe(0);
      expect(h.adapter.session(session.connectionId)).toBeUndefined();
    }
    expect(h.server.openSessionCount).toBe(0);
  });

  it('closes from the server: the client hears the reason once', async () => {
    const { session, server } = await loggedIn();
    const heard: number[] = [];
    session.onServerClose((code) => heard.push(code));
    expect(server.closeSession(session.connectionId, ReasonCode.loggedInElsewhere)).toBe(true);
    expect(server.openSessionCount).toBe(0);
    await flush();
    expect(heard).toEqual([0x8000_0229]);
    expect(session.open).toBe(false);
    expect(server.openConnectionCount).toBe(0);
    // A listener added afterwards still hears it; closing now is a no-op.
    session.onServerClose((code) => heard.push(code));
    await session.close('logout');
    expect(heard).toEqual([0x8000_0229, 0x8000_0229]);
    expect(server.closeSession(session.connectionId)).toBe(false);
  });

  it('hears an administrator’s broadcast and an announcement as session events, and stays open', async () => {
    const { session, server, events } = await loggedIn();
    const heard: SametimeServerMessage[] = [];
    const closes: number[] = [];
    session.onServerMessage((m) => heard.push(m));
    session.onServerClose((code) => closes.push(code));
    expect(server.broadcast('The server restarts at 18:00')).toBe(1);
    expect(server.announce(session.connectionId, 'lunch?', 'bob')).toBe(true);
    await flush();
    expect(heard).toEqual([
      { kind: 'admin', text: 'The server restarts at 18:00' },
      { kind: 'announce', text: 'lunch?', from: 'bob', mayReply: false },
    ]);
    expect(closes).toEqual([]);
    expect(session.open).toBe(true);
    await session.sendStatus('away');
    await flush();
    expect(server.session(session.connectionId)?.lastStatus?.status).toBe(0x0260);
    const traced = events.filter((e) => e.hop === 'sametime-adapter' && e.action === 'server-message');
    expect(traced.map((e) => [e.message, e.outcome])).toEqual([
      ['ADMIN', 'admin'],
      ['ANNOUNCE', 'announce'],
    ]);
    // Once closed, a session hears nothing more.
    await session.close('logout');
    server.broadcast('after');
    await flush();
    expect(heard).toHaveLength(2);
  });

  it('tells its own listeners of a server message even when the adapter’s report of it closes the session', async () => {
    let closeOnReport = (): void => {};
    const reported: string[] = [];
    const { session, adapter, server } = await loggedIn({
      adapter: {
        events: (event) => {
          reported.push(event.kind);
          if (event.kind === 'server-message') closeOnReport();
        },
      },
    });
    closeOnReport = () =>
      void adapter.serve({ kind: 'close', pin: '2100000A', connectionId: session.connectionId, reason: 'logout' });
    const heard: string[] = [];
    const closes: number[] = [];
    session.onServerMessage((m) => heard.push(m.text));
    session.onServerClose((code) => closes.push(code));
    expect(server.broadcast('bye')).toBe(1);
    await flush();
    expect(reported).toEqual(['server-message']);
    expect(heard).toEqual(['bye']);
    expect(closes).toEqual([]);
    expect(session.open).toBe(false);
    expect(adapter.openSessions).toBe(0);
  });

  it('reports a connection dropped without CHANNEL_DESTROY as server-not-responding', async () => {
    const { session, server } = await loggedIn();
    const heard: number[] = [];
    session.onServerClose((code) => heard.push(code));
    expect(server.dropSession(session.connectionId)).toBe(true);
    expect(server.dropSession(session.connectionId)).toBe(false);
    await flush();
    expect(heard).toEqual([ReasonCode.serverNotResponding]);
    expect(session.open).toBe(false);
    expect(server.openConnectionCount).toBe(0);
  });
});
