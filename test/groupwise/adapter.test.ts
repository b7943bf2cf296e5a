import { describe, expect, it } from 'vitest';
import { GroupWiseAdapter } from '../../src/groupwise/adapter/groupwise-adapter.js';
import { GroupWiseServer } from '../../src/groupwise/server/groupwise-server.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { directory } from '../support/users.js';

function setUp(latencyMs = 0) {
  const clock = new VirtualClock();
  const server = new GroupWiseServer({ clock, random: createRandom(1), users: directory(), latencyMs, host: 'gw' });
  const adapter = new GroupWiseAdapter({
    connector: server.connector(createRandom(2)),
    clock,
    host: 'gw',
    sessionLimit: 10,
    loginTimeoutMs: 10_000,
    keepalive: 'manual',
  });
  return { clock, server, adapter };
}

const alice = { pin: '2100000A', userId: 'alice', password: directory()['alice']! };

describe('the GroupWise adapter', () => {
  it('answers by the login’s deadline, and leaves nothing open at the server', async () => {
    const { clock, server, adapter } = setUp(5_000);
    const login = adapter.login({ ...alice, deadline: 1_000 });
    await clock.advance(1_000);
    expect(await login).toEqual({ ok: false, failure: { status: 'failed', reason: 'timeout' } });
    await clock.advance(20_000);
    expect(server.openConnectionCount).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('times out at loginTimeoutMs when no deadline comes sooner', async () => {
    const { clock, adapter } = setUp(60_000);
    const login = adapter.login(alice);
    await clock.advance(10_000);
    expect(await login).toMatchObject({ ok: false, failure: { reason: 'timeout' } });
  });

  it('abandons the login when its signal aborts, before or during it', async () => {
    const { clock, server, adapter } = setUp(5_000);
    expect(await adapter.login({ ...alice, signal: AbortSignal.abort() })).toMatchObject({
      ok: false,
      failure: { reason: 'aborted' },
    });
    const controller = new AbortController();
    const login = adapter.login({ ...alice, signal: controller.signal });
    await clock.advance(2_000);
    controller.abort();
    expect(await login).toMatchObject({ ok: false, failure: { reason: 'aborted' } });
    await clock.advance(20_000);
    expect(server.openConnectionCount).toBe(0);
  });

  it('an unreachable port fails as unreachable; a session pings when asked', async () => {
    const { clock, server } = setUp();
    const wrongPort = new GroupWiseAdapter({
      connector: server.connector(createRandom(3)),
      clock,
      host: 'gw',
      port: 8301,
      sessionLimit: 10,
    });
    expect(await wrongPort.login(alice)).toMatchObject({ ok: false, failure: { reason: 'unreachable' } });
    const { adapter } = {
      adapter: new GroupWiseAdapter({
        connector: server.connector(createRandom(4)),
        clock,
        host: 'gw',
        sessionLimit: 10,
        keepalive: 'manual',
      }),
    };
    const result = await adapter.login(alice);
    if (!result.ok) throw new Error(result.failure.reason);
    expect(result.session.ping()).toBe(true);
    await clock.advance(0);
    expect(server.session(result.session.connectionId)?.pings).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('forgets a session the BES closes itself, as it does one the server ends', async () => {
    const { clock, server, adapter } = setUp();
    for (let round = 0; round < 3; round++) {
      const result = await adapter.login(alice);
      if (!result.ok) throw new Error(result.failure.reason);
      const { session } = result;
      expect(adapter.openSessions).toBe(1);
      expect(adapter.session(session.connectionId)).toBe(session);
      session.close('logout');
      await clock.advance(0);
      expect(adapter.openSessions).toBe(0);
      expect(adapter.session(session.connectionId)).toBeUndefined();
    }
    expect(server.openConnectionCount).toBe(0);
  });
});
