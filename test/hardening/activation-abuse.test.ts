import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameActivationPassword } from '../../src/crypto/activation-password.js';
import { MAX_WRONG_ACTIVATION_PASSWORDS } from '../../src/index.js';
import { PINS, tappedBes, userAt } from './fixture.js';

// The real comparison, counted: an unknown user's attempt must compare as much as a known user's.
vi.mock('../../src/crypto/activation-password.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/crypto/activation-password.js')>();
  return { sameActivationPassword: vi.fn(original.sameActivationPassword) };
});

const WRONG = 'not-the-activation-password';

function attempt(t: ReturnType<typeof tappedBes>, pin: string, activationPassword: string, userId = 'alice') {
  return t.bes.activateDevice({ pin, userId, activationPassword });
}

const COUNTDOWN = [
  { ok: false, code: 'wrong-password', attemptsLeft: 4 },
  { ok: false, code: 'wrong-password', attemptsLeft: 3 },
  { ok: false, code: 'wrong-password', attemptsLeft: 2 },
  { ok: false, code: 'wrong-password', attemptsLeft: 1 },
  { ok: false, code: 'wrong-password', attemptsLeft: 0 },
  { ok: false, code: 'locked-out', attemptsLeft: 0 },
];

afterEach(() => {
  vi.mocked(sameActivationPassword).mockClear();
});

describe('activation abuse, through createBes', () => {
  it('five wrong activation passwords count down; the sixth locks the user out, and the right one no longer works', () => {
    const t = tappedBes();
    expect(MAX_WRONG_ACTIVATION_PASSWORDS).toBe(5);
    const results = Array.from({ length: 6 }, () => attempt(t, PINS[0], WRONG));
    expect(results).toEqual(COUNTDOWN);
    expect(attempt(t, PINS[0], userAt(0).activationPassword)).toEqual({
      ok: false,
      code: 'locked-out',
      attemptsLeft: 0,
    });
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

  it('counts per user across PINs: guessing on a new PIN each time still locks the user out after five', () => {
    const t = tappedBes();
    const results = PINS.slice(0, 6).map((pin) => attempt(t, pin, WRONG));
    expect(results).toEqual(COUNTDOWN);
    // Locked on every PIN, the right password too, including a PIN never tried.
    expect(attempt(t, PINS[6], userAt(0).activationPassword)).toEqual({
      ok: false,
      code: 'locked-out',
      attemptsLeft: 0,
    });
    expect(attempt(t, '2100FFFF', userAt(0).activationPassword)).toEqual({
      ok: false,
      code: 'locked-out',
      attemptsLeft: 0,
    });
    for (const pin of PINS) expect(t.bes.device(pin)).toBeUndefined();
  });

  it('locks out only the user under attack: another user activates the same PIN and logs in', async () => {
    const t = tappedBes();
    for (let i = 0; i < 6; i++) attempt(t, PINS[0], WRONG);
    const bob = attempt(t, PINS[0], userAt(1).activationPassword, 'bob');
    expect(bob.ok).toBe(true);
    if (!bob.ok) return;
    expect((await bob.device.login({ userId: 'bob', password: userAt(1).password })).status).toBe('accepted');
  });

  it("another user's wrong passwords on the same PIN spend none of alice's attempts", () => {
    const t = tappedBes();
    for (let i = 0; i < 10; i++) attempt(t, PINS[0], WRONG, 'bob');
    expect(attempt(t, PINS[0], WRONG)).toEqual({ ok: false, code: 'wrong-password', attemptsLeft: 4 });
  });

  it('answers an unknown user exactly like a known user with a wrong password: same statuses, same trace, same work', () => {
    const known = tappedBes();
    const unknown = tappedBes();
    const compare = vi.mocked(sameActivationPassword);
    compare.mockClear();
    const knownResults = PINS.slice(0, 6).map((pin) => attempt(known, pin, WRONG, 'alice'));
    const knownCompares = compare.mock.calls.map(([given]) => given);
    compare.mockClear();
    const unknownResults = PINS.slice(0, 6).map((pin) => attempt(unknown, pin, WRONG, 'nobody'));
    expect(unknownResults).toEqual(knownResults);
    expect(unknownResults).toEqual(COUNTDOWN);
    // The same comparisons for a user who does not exist as for one who does (no early return to time).
    expect(knownCompares).toHaveLength(6);
    expect(compare.mock.calls.map(([given]) => given)).toEqual(knownCompares);
    const trace = (t: ReturnType<typeof tappedBes>) =>
      t.events.filter((e) => e.action === 'activation').map((e) => [e.at, e.pin, e.outcome]);
    expect(trace(unknown)).toEqual(trace(known));
    expect(JSON.stringify(unknown.events)).not.toContain('unknown');
  });

  it('a lock-out stops re-activation, but leaves the key already in use alone: the activated device carries on', async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    for (let i = 0; i < 6; i++) attempt(t, PINS[1], WRONG);
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

describe('a PIN another user holds', () => {
  it("is refused as pin-in-use even with the other user's right password; the activated device carries on", async () => {
    const t = tappedBes();
    const alice = t.activate(0);
    expect((await alice.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    expect(attempt(t, PINS[0], userAt(1).activationPassword, 'bob')).toEqual({
      ok: false,
      code: 'pin-in-use',
      attemptsLeft: MAX_WRONG_ACTIVATION_PASSWORDS,
    });
    expect(t.bes.device(PINS[0])).toBe(alice);
    expect((await alice.sendStatus('busy')).status).toBe('ok');
    expect((await alice.logout()).status).toBe('logged-out');
    expect((await alice.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    expect(await t.bes.sessions.count()).toBe(1);
  });

  it('says nothing about the PIN to someone without the password: a wrong password is just that', () => {
    const t = tappedBes();
    t.activate(0);
    expect(attempt(t, PINS[0], WRONG, 'bob')).toEqual({ ok: false, code: 'wrong-password', attemptsLeft: 4 });
  });

  it('stays with its user: the same user re-activating it renews the key, and the BES hands out the new device', async () => {
    const t = tappedBes();
    const first = t.activate(0);
    const again = attempt(t, PINS[0], userAt(0).activationPassword);
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect((await again.device.login({ userId: 'alice', password: userAt(0).password })).status).toBe('accepted');
    expect(t.bes.device(PINS[0])).toBe(again.device);
    expect(again.device).not.toBe(first);
  });
});
