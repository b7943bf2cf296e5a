import { describe, expect, it } from 'vitest';
import { ConfigError, EnterpriseActivation, VirtualClock, createRandom } from '../../src/index.js';
import { GroupWiseAdapter, GroupWiseServer } from '../../src/groupwise/index.js';
import { SametimeAdapter, SametimeServer } from '../../src/sametime/index.js';
import { PINS, tappedBes } from './fixture.js';

// A lone surrogate becomes U+FFFD when encoded as UTF-8, so before any check these two were the same password.
const REPLACEMENT = 'pw-\uFFFD-tail';
const LONE_HIGH = 'pw-\uD800-tail';
const LONE_LOW = 'pw-\uDFFF-tail';

function withPasswords(password: string, activationPassword: string) {
  return tappedBes({ users: [{ userId: 'zoe', password, activationPassword }] });
}

describe('credentials that are not well-formed Unicode', () => {
  it('a lone surrogate in the activation password is refused as bad-credentials, not taken for U+FFFD', () => {
    const t = withPasswords('zoe-St-pw', REPLACEMENT);
    for (const activationPassword of [LONE_HIGH, LONE_LOW]) {
      expect(t.bes.activateDevice({ pin: PINS[0], userId: 'zoe', activationPassword })).toEqual({
        ok: false,
        code: 'bad-credentials',
        attemptsLeft: 0,
      });
    }
    expect(t.bes.device(PINS[0])).toBeUndefined();
    // Refused before any comparison: it spent none of the user's attempts.
    expect(t.bes.activateDevice({ pin: PINS[0], userId: 'zoe', activationPassword: 'wrong' })).toMatchObject({
      code: 'wrong-password',
      attemptsLeft: 4,
    });
    expect(t.bes.activateDevice({ pin: PINS[0], userId: 'zoe', activationPassword: REPLACEMENT }).ok).toBe(true);
  });

  it('a lone surrogate in the activation user id is refused as bad-credentials', () => {
    const activation = new EnterpriseActivation({ random: createRandom(1), activationPasswordOf: () => 'pw' });
    expect(activation.activate({ pin: PINS[0], userId: 'zo\uD83D', activationPassword: 'pw' })).toEqual({
      ok: false,
      code: 'bad-credentials',
      attemptsLeft: 0,
    });
    // A surrogate pair is well formed.
    expect(activation.activate({ pin: PINS[0], userId: 'zo\uD83D\uDE00', activationPassword: 'pw' }).ok).toBe(true);
  });

  it('a login with a lone surrogate is refused as authentication-failed / malformed-credentials, and nothing is sent', async () => {
    const t = withPasswords(REPLACEMENT, 'zoe-act');
    const activated = t.bes.activateDevice({ pin: PINS[0], userId: 'zoe', activationPassword: 'zoe-act' });
    if (!activated.ok) throw new Error(activated.code);
    const sentBefore = t.events.length;
    for (const password of [LONE_HIGH, LONE_LOW]) {
      expect(await activated.device.login({ userId: 'zoe', password })).toEqual({
        status: 'authentication-failed',
        reason: 'malformed-credentials',
      });
    }
    expect(await activated.device.login({ userId: 'zo\uDC00e', password: REPLACEMENT })).toEqual({
      status: 'authentication-failed',
      reason: 'malformed-credentials',
    });
    expect(t.events.length).toBe(sentBefore);
    expect(await t.bes.sessions.count()).toBe(0);
    expect((await activated.device.login({ userId: 'zoe', password: REPLACEMENT })).status).toBe('accepted');
  });

  it('a user list with a lone surrogate in a user id or password is a ConfigError naming the field', () => {
    const cases = [
      [{ userId: 'zoe', password: LONE_HIGH }, 'users.0.password'],
      [{ userId: 'zoe', password: 'pw', activationPassword: LONE_LOW }, 'users.0.activationPassword'],
      [{ userId: 'z\uD800', password: 'pw' }, 'users.0.userId'],
    ] as const;
    for (const [user, field] of cases) {
      let thrown: unknown;
      try {
        tappedBes({ users: [user] });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).fields).toEqual([field]);
      expect((thrown as ConfigError).message).toContain('well-formed');
    }
  });

  it('the Sametime adapter used on its own refuses one too, before it connects', async () => {
    const clock = new VirtualClock();
    const server = new SametimeServer({
      clock,
      random: createRandom('server'),
      capacity: 5,
      users: [['zoe', REPLACEMENT]],
    });
    const adapter = new SametimeAdapter({
      clock,
      random: createRandom('adapter'),
      host: 'sametime.example',
      sessionLimit: 5,
      connector: server.connector(),
    });
    for (const [userId, password] of [
      ['zoe', LONE_HIGH],
      ['zoe', LONE_LOW],
      ['zo\uDC00e', REPLACEMENT],
    ] as const) {
      expect(await adapter.login({ pin: PINS[0], userId, password })).toEqual({
        ok: false,
        failure: { status: 'authentication-failed', reason: 'malformed-credentials' },
      });
    }
    expect(server.openConnectionCount).toBe(0);
    expect((await adapter.login({ pin: PINS[0], userId: 'zoe', password: REPLACEMENT })).ok).toBe(true);
  });

  it('so does the GroupWise adapter', async () => {
    const clock = new VirtualClock();
    const server = new GroupWiseServer({ clock, random: createRandom('gw-server'), users: { zoe: REPLACEMENT } });
    const random = createRandom('gw-adapter');
    const adapter = new GroupWiseAdapter({
      clock,
      host: 'gw.example',
      sessionLimit: 5,
      connector: server.connector(random),
    });
    const refused = await adapter.login({ pin: PINS[0], userId: 'zoe', password: LONE_HIGH });
    expect(refused).toEqual({
      ok: false,
      failure: { status: 'authentication-failed', reason: 'malformed-credentials' },
    });
    expect((await adapter.login({ pin: PINS[0], userId: 'zoe', password: REPLACEMENT })).ok).toBe(true);
  });
});
