import { describe, expect, it } from 'vitest';
import { ConfigError, EnterpriseActivation, VirtualClock, createRandom } from '../../src/index.js';
import { PINS, tappedBes, userAt } from './fixture.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WRONG = 'not-the-activation-password';

function activationWith(options: { lockoutMs?: number; maxCounters?: number } = {}) {
  const clock = new VirtualClock();
  const activation = new EnterpriseActivation({
    random: createRandom('counters'),
    activationPasswordOf: (userId) => (userId === 'alice' ? 'alice-act' : undefined),
    clock,
    ...options,
  });
  return { clock, activation };
}

describe('wrong-activation counters are bounded', () => {
  it('a lock-out lapses a day (the default) after the last wrong password, on the BES clock', async () => {
    const t = tappedBes();
    for (let i = 0; i < 6; i++) t.bes.activateDevice({ pin: PINS[0], userId: 'alice', activationPassword: WRONG });
    await t.clock.advance(DAY_MS - 1);
    expect(
      t.bes.activateDevice({ pin: PINS[0], userId: 'alice', activationPassword: userAt(0).activationPassword }),
    ).toMatchObject({ code: 'locked-out' });
    await t.clock.advance(1);
    expect(
      t.bes.activateDevice({ pin: PINS[0], userId: 'alice', activationPassword: userAt(0).activationPassword }).ok,
    ).toBe(true);
  });

  it('guesses spread over time still get six per lock-out window: a locked attempt does not restart the window, a wrong one does', async () => {
    const { clock, activation } = activationWith({ lockoutMs: 1000 });
    for (let i = 0; i < 5; i++) {
      expect(activation.activate({ pin: PINS[0], userId: 'alice', activationPassword: WRONG })).toMatchObject({
        code: 'wrong-password',
      });
      await clock.advance(900);
    }
    expect(activation.activate({ pin: PINS[0], userId: 'alice', activationPassword: WRONG })).toMatchObject({
      code: 'locked-out',
    });
    await clock.advance(999);
    expect(activation.activate({ pin: PINS[0], userId: 'alice', activationPassword: 'alice-act' })).toMatchObject({
      code: 'locked-out',
    });
    await clock.advance(1);
    expect(activation.activate({ pin: PINS[0], userId: 'alice', activationPassword: 'alice-act' }).ok).toBe(true);
  });

  it('expired counters are dropped: guesses over 2,000 user ids leave no counter a day later', async () => {
    const { clock, activation } = activationWith();
    for (let i = 0; i < 2000; i++)
      activation.activate({ pin: PINS[0], userId: `guess-${i}`, activationPassword: WRONG });
    expect(activation.countedUsers).toBe(2000);
    await clock.advance(DAY_MS);
    expect(activation.countedUsers).toBe(0);
  });

  it('holds at most maxCounters counts (default 100,000), dropping the one idle longest', () => {
    const { activation } = activationWith({ maxCounters: 3 });
    for (let i = 0; i < 50; i++) activation.activate({ pin: PINS[0], userId: `guess-${i}`, activationPassword: WRONG });
    expect(activation.countedUsers).toBe(3);
    // The three most recent keep their count; the oldest started again.
    expect(activation.activate({ pin: PINS[0], userId: 'guess-49', activationPassword: WRONG })).toMatchObject({
      attemptsLeft: 3,
    });
    expect(activation.activate({ pin: PINS[0], userId: 'guess-0', activationPassword: WRONG })).toMatchObject({
      attemptsLeft: 4,
    });
    expect(
      new EnterpriseActivation({ random: createRandom(1), activationPasswordOf: () => undefined }).maxCounters,
    ).toBe(100_000);
  });

  it('an over-long user id or password is refused as bad-credentials and counted nowhere', () => {
    const { activation } = activationWith();
    const long = 'x'.repeat(257);
    expect(activation.activate({ pin: PINS[0], userId: long, activationPassword: WRONG })).toEqual({
      ok: false,
      code: 'bad-credentials',
      attemptsLeft: 0,
    });
    expect(activation.activate({ pin: PINS[0], userId: 'alice', activationPassword: long })).toEqual({
      ok: false,
      code: 'bad-credentials',
      attemptsLeft: 0,
    });
    expect(activation.countedUsers).toBe(0);
  });

  it('refuses a lock-out window or a counter limit that is not a positive whole number, naming it', () => {
    for (const [name, value] of [
      ['lockoutMs', 0],
      ['lockoutMs', Number.NaN],
      ['lockoutMs', Number.POSITIVE_INFINITY],
      ['maxCounters', -1],
      ['maxCounters', 1.5],
      ['maxCounters', Number.NaN],
    ] as const) {
      expect(() => activationWith({ [name]: value })).toThrow(ConfigError);
      expect(() => activationWith({ [name]: value })).toThrow(name);
    }
  });

  it('createBes takes both from config, validated', () => {
    const t = tappedBes({ config: { activationLockoutMs: 5000, activationCounterLimit: 2 } });
    for (let i = 0; i < 6; i++) t.bes.activateDevice({ pin: PINS[0], userId: 'alice', activationPassword: WRONG });
    expect(t.bes.config).toMatchObject({ activationLockoutMs: 5000, activationCounterLimit: 2 });
    expect(() => tappedBes({ config: { activationLockoutMs: -1 } })).toThrow('config.activationLockoutMs');
    expect(() => tappedBes({ config: { activationCounterLimit: Number.NaN } })).toThrow(
      'config.activationCounterLimit',
    );
  });
});
