import { describe, expect, it } from 'vitest';
import {
  EnterpriseActivation,
  MAX_WRONG_ACTIVATION_PASSWORDS,
  type ActivationRequest,
  type ActivationResult,
} from '../../src/crypto/activation.js';
import type { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';

const PASSWORDS: Record<string, string> = { alice: 'activate-alice', bob: 'activate-bob' };

function besWith(seed: string | number = 'activation'): EnterpriseActivation {
  return new EnterpriseActivation({
    random: createRandom(seed),
    activationPasswordOf: (userId) => PASSWORDS[userId],
  });
}

function alice(overrides: Partial<ActivationRequest> = {}): ActivationRequest {
  return { pin: '2100000A', userId: 'alice', activationPassword: 'activate-alice', ...overrides };
}

function keysOf(result: ActivationResult): { deviceKey: TransportKey; serverKey: TransportKey } {
  if (!result.ok) throw new Error(`expected activation to succeed, got ${result.code}`);
  return result;
}

describe('EnterpriseActivation: the right password', () => {
  it('activates, and device and BES come away holding the same key as separate objects', () => {
    const result = besWith().activate(alice());

    expect(result).toMatchObject({ ok: true, pin: '2100000A' });
    const { deviceKey, serverKey } = keysOf(result);
    expect(deviceKey).not.toBe(serverKey);
    expect(deviceKey.equals(serverKey)).toBe(true);
  });

  it('gives each PIN its own key', () => {
    const bes = besWith();
    const a = keysOf(bes.activate(alice({ pin: '2100000A' }))).deviceKey;
    const b = keysOf(bes.activate(alice({ pin: '2100000B' }))).deviceKey;
    expect(a.equals(b)).toBe(false);
  });

  it('is deterministic: two BES built from the same seed hand out the same key, whatever order PINs come in', () => {
    const first = besWith('same seed');
    const second = besWith('same seed');
    const a1 = keysOf(first.activate(alice({ pin: '2100000A' }))).deviceKey;
    const b1 = keysOf(first.activate(alice({ pin: '2100000B' }))).deviceKey;
    const b2 = keysOf(second.activate(alice({ pin: '2100000B' }))).deviceKey;
    const a2 = keysOf(second.activate(alice({ pin: '2100000A' }))).deviceKey;

    expect(a1.equals(a2)).toBe(true);
    expect(b1.equals(b2)).toBe(true);
  });

  it('draws different keys from different seeds', () => {
    const a = keysOf(besWith('seed one').activate(alice())).deviceKey;
    const b = keysOf(besWith('seed two').activate(alice())).deviceKey;
    expect(a.equals(b)).toBe(false);
  });

  it('renews the key when the same PIN activates again', () => {
    const bes = besWith();
    const first = keysOf(bes.activate(alice()));
    const second = keysOf(bes.activate(alice()));

    expect(second.deviceKey.equals(first.deviceKey)).toBe(false);
    expect(second.deviceKey.equals(second.serverKey)).toBe(true);
  });
});

describe('EnterpriseActivation: requests it refuses', () => {
  const badPins = ['', '2100000', '2100000AB', '2100000a', '2100000G', ' 2100000A', '2100-00A'];
  it.each(badPins)('refuses PIN %j as bad-pin', (pin) => {
    expect(besWith().activate(alice({ pin }))).toEqual({ ok: false, code: 'bad-pin', attemptsLeft: 0 });
  });

  it('answers an unknown user as a wrong password, and counts it as one', () => {
    const bes = besWith();
    const mallory = (): ActivationResult => bes.activate(alice({ userId: 'mallory' }));
    expect(Array.from({ length: 6 }, mallory)).toEqual([
      ...[4, 3, 2, 1, 0].map((attemptsLeft) => ({ ok: false, code: 'wrong-password', attemptsLeft })),
      { ok: false, code: 'locked-out', attemptsLeft: 0 },
    ]);
    // Alice's own count is untouched.
    expect(bes.activate(alice({ activationPassword: 'guess' }))).toMatchObject({
      code: 'wrong-password',
      attemptsLeft: 4,
    });
  });

  it("refuses another user's password as wrong-password", () => {
    expect(besWith().activate(alice({ activationPassword: 'activate-bob' }))).toMatchObject({
      ok: false,
      code: 'wrong-password',
    });
  });

  it('counts down five wrong passwords, locks out on the sixth, then refuses even the right password', () => {
    const bes = besWith();
    const wrong = (): ActivationResult => bes.activate(alice({ activationPassword: 'not it' }));

    const countdown = Array.from({ length: 5 }, wrong);
    expect(countdown).toEqual(
      [4, 3, 2, 1, 0].map((attemptsLeft) => ({ ok: false, code: 'wrong-password', attemptsLeft })),
    );
    expect(wrong()).toEqual({ ok: false, code: 'locked-out', attemptsLeft: 0 });
    expect(bes.activate(alice())).toEqual({ ok: false, code: 'locked-out', attemptsLeft: 0 });
    expect(wrong()).toEqual({ ok: false, code: 'locked-out', attemptsLeft: 0 });
  });

  it('locks out the user on every PIN, and no other user', () => {
    const bes = besWith();
    for (let i = 0; i <= MAX_WRONG_ACTIVATION_PASSWORDS; i++) {
      bes.activate(alice({ pin: `2100000${i}`, activationPassword: 'not it' }));
    }
    expect(bes.activate(alice())).toMatchObject({ code: 'locked-out' });
    expect(bes.activate(alice({ pin: '2100000B' }))).toMatchObject({ code: 'locked-out' });
    expect(bes.activate({ pin: '2100000C', userId: 'bob', activationPassword: 'activate-bob' }).ok).toBe(true);
  });

  it('still takes the right password after five wrong ones, and starts the count afresh', () => {
    const bes = besWith();
    for (let i = 0; i < MAX_WRONG_ACTIVATION_PASSWORDS; i++) bes.activate(alice({ activationPassword: 'not it' }));
    expect(bes.activate(alice()).ok).toBe(true);
    expect(bes.activate(alice({ activationPassword: 'not it' }))).toMatchObject({
      code: 'wrong-password',
      attemptsLeft: 4,
    });
  });
});
