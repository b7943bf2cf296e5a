/** Every status a device can see after a login, each reached through the whole pipeline. */
import { describe, expect, it } from 'vitest';
import { sametimeBackend } from '../../src/sametime/sametime-backend.js';
import type { AirFrame } from '../../src/pipeline/air-frame.js';
import { pipe, type SimpleFilter } from '../../src/pipeline/stage.js';
import { LOGIN_STATUSES, type LoginReply, type LoginStatus } from '../../src/pipeline/login-status.js';
import { passwordOf, testBes, type TestBes } from './bes-fixture.js';

interface Scenario {
  readonly name: string;
  readonly status: LoginStatus;
  readonly run: () => Promise<{ reply: LoginReply; bes: TestBes }>;
}

const login = (t: TestBes, n: number, userId: string, password = passwordOf(userId)) =>
  t.activate(n, userId).login({ userId, password });

const scenarios: Scenario[] = [
  {
    name: 'a permitted user with the right password',
    status: 'accepted',
    run: async () => {
      const t = testBes();
      return { reply: await login(t, 1, 'alice'), bes: t };
    },
  },
  {
    name: 'maximum reached, no idle timeout',
    status: 'server-busy',
    run: async () => {
      const t = testBes({ config: { maxSessions: 1 } });
      await t.loggedIn(1, 'alice');
      return { reply: await login(t, 2, 'bob'), bes: t };
    },
  },
  {
    name: 'no maximum, the Sametime API limit reached',
    status: 'failed',
    run: async () => {
      const t = testBes({ config: { sametime: { sessionLimit: 1 } } });
      await t.loggedIn(1, 'alice');
      return { reply: await login(t, 2, 'bob'), bes: t };
    },
  },
  {
    name: 'Sametime refuses the connection',
    status: 'failed',
    run: async () => {
      const t = testBes({ backend: sametimeBackend({ fault: 'refuse' }) });
      return { reply: await login(t, 1, 'alice'), bes: t };
    },
  },
  {
    name: 'Sametime never answers within the login timeout',
    status: 'failed',
    run: async () => {
      const t = testBes({
        config: { sametime: { loginTimeoutMs: 5_000 } },
        backend: sametimeBackend({ fault: 'silent' }),
      });
      const pending = login(t, 1, 'alice');
      await t.clock.advance(5_000);
      return { reply: await pending, bes: t };
    },
  },
  {
    name: 'a user without permission for the collaboration client',
    status: 'access-denied',
    run: async () => {
      const t = testBes();
      return { reply: await login(t, 1, 'gus'), bes: t };
    },
  },
  {
    name: 'a wrong password',
    status: 'authentication-failed',
    run: async () => {
      const t = testBes();
      return { reply: await login(t, 1, 'alice', 'not-her-password'), bes: t };
    },
  },
  {
    name: 'a device out of coverage',
    status: 'out-of-coverage',
    run: async () => {
      const t = testBes();
      const device = t.activate(1, 'alice');
      await device.setCoverage(false);
      return { reply: await device.login({ userId: 'alice', password: passwordOf('alice') }), bes: t };
    },
  },
  {
    name: 'a device that leaves coverage while its login is on its way: the reply is lost',
    status: 'no-response',
    run: async () => {
      let t: TestBes | undefined;
      const leaves: SimpleFilter<AirFrame, AirFrame | null> = async function leavesCoverage(frame, next) {
        await t!.bes.coverage.set(frame.pin, false);
        return next(frame);
      };
      t = testBes({
        compose: ({ device, router, dispatcher, collaborationService, backend }) =>
          pipe(device, router, leaves, dispatcher, collaborationService, backend),
      });
      return { reply: await login(t, 1, 'alice'), bes: t };
    },
  },
];

function scenario(name: string): Scenario {
  const found = scenarios.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario named ${name}`);
  return found;
}

describe('login statuses', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { reply, bes } = await scenario.run();
    expect(reply.status).toBe(scenario.status);
    // Whatever the outcome, no login is left half-way: nothing under way, cache and server agree.
    const service = bes.bes.collaborationService;
    expect(service.loginsUnderWay).toBe(0);
    expect(await bes.bes.sessions.count()).toBe(bes.bes.backend.server.openSessionCount);
    expect(bes.bes.backend.server.openConnectionCount).toBe(bes.bes.backend.server.openSessionCount);
    expect(bes.clock.pending).toBe(0);
  });

  it('covers every status a login can end in', () => {
    expect(new Set(scenarios.map((s) => s.status))).toEqual(new Set(LOGIN_STATUSES));
  });

  it('tells the device the reason and Sametime reason code for a rejected password, and for an unknown user', async () => {
    const t = testBes();
    const wrong = await login(t, 1, 'alice', 'nope');
    expect(wrong).toEqual({ status: 'authentication-failed', reason: 'incorrect-login', reasonCode: 0x80000211 });
    t.bes.backend.server.removeUser('bob');
    const unknown = await login(t, 2, 'bob');
    expect(unknown).toMatchObject({ status: 'authentication-failed', reasonCode: 0x80000213 });
  });

  it('says why Sametime failed: refused, timed out', async () => {
    const refused = (await scenario('Sametime refuses the connection').run()).reply;
    expect(refused).toMatchObject({ status: 'failed', reason: 'unreachable' });
    const slow = (await scenario('Sametime never answers within the login timeout').run()).reply;
    expect(slow).toMatchObject({ status: 'failed', reason: 'timeout' });
  });
});
