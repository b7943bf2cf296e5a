import { describe, expect, it } from 'vitest';
import { MAX_WRONG_ACTIVATION_PASSWORDS } from '../../src/index.js';
import { PINS, tappedBes, userAt } from './fixture.js';

const WRONG = 'not-the-activation-password';

function attempt(t: ReturnType<typeof tappedBes>, pin: string, activationPassword: string, userId = 'alice') {
  return t.bes.activateDevice({ pin, userId, activationPassword });
}

describe('activation abuse, through createBes', () => {
  it('five wrong activation passwords count down; the sixth locks the device out, and the right one no longer works', () => {
    const t = tappedBes();
    expect(MAX_WRONG_ACTIVATION_PASSWORDS).toBe(5);
    const results = Array.from({ length: 6 }, () => attempt(t, PINS[0], WRONG));
    expect(results).toEqual([
      { ok: false, code: 'wrong-password', attemptsLeft: 4 },
      { ok: false, code: 'wrong-password', attemptsLeft: 3 },
      { ok: false, code: 'wrong-password', attemptsLeft: 2 },
      { ok: false, code: 'wrong-password', attemptsLeft: 1 },
      { ok: false, code: 'wrong-password', attemptsLeft: 0 },
      { ok: false, code: 'locked-out', attemptsLeft: 0 },
    ]);
    expect(attempt(t, PINS[0], userAt(0).activationPassword)).toEqual({ ok: false, code: 'locked-out', attemptsLeft: 0 });
    expect(t.bes.device(PINS[0])).toBeUndefined();
    // The trace says what happened, attempt by attempt, and never carries a password.
    const outcomes = t.events.filter((e) => e.action === 'activation').map((e) => [e.pin, e.outcome]);
    expect(outcomes).toEqual([
      ...Array.from({ length: 5 }, () => [PINS[0], 'wrong-password']),
      [PINS[0], 'locked-out'],
      [PINS[0], 'locked-out'],
    ]);
    expect(JSON.stringify(t.events)).not.toContain(WRONG);
    expect(JSON.stringify(t.events)).not.toContain(userAt(0).activationPassword);
  });

  it('locks out only the PIN under attack; other devices of the same user activate and log in', async () => {
    const t = tappedBes();
    for (let i = 0; i < 6; i++) attempt(t, PINS[0], WRONG);
    const other = attempt(t, PINS[1], userAt(0).activationPassword);
    expect(other.ok).toBe(true);
    if (!other.ok) return;
    expect((await other.device.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
  });

  it('another user or an unknown user does not spend the attempts of a PIN', () => {
    const t = tappedBes();
    for (let i = 0; i < 10; i++) expect(attempt(t, PINS[0], WRONG, 'nobody')).toMatchObject({ ok: false, code: 'unknown-user' });
    expect(attempt(t, PINS[0], WRONG)).toEqual({ ok: false, code: 'wrong-password', attemptsLeft: 4 });
  });

  it('a lock-out stops re-activation, but leaves the key already in use alone: the activated device carries on', async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    for (let i = 0; i < 6; i++) attempt(t, PINS[0], WRONG);
    expect(attempt(t, PINS[0], userAt(0).activationPassword)).toMatchObject({ ok: false, code: 'locked-out' });
    expect((await alice.sendStatus('busy')).status).toBe('ok');
    expect(t.bes.device(PINS[0])).toBe(alice);
  });

  it('a malformed PIN is refused as bad-pin without a device', () => {
    const t = tappedBes();
    for (const pin of ['', '2100000a', '2100000', '2100000AB', '../../etc', 'GGGGGGGG']) {
      expect(attempt(t, pin, userAt(0).activationPassword)).toEqual({ ok: false, code: 'bad-pin', attemptsLeft: 0 });
      expect(t.bes.device(pin)).toBeUndefined();
    }
  });
});
