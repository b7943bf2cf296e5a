import { describe, expect, it } from 'vitest';
import { sameActivationPassword } from '../../src/crypto/activation-password.js';

describe('sameActivationPassword', () => {
  it('is true only for the same text', () => {
    expect(sameActivationPassword('activate-me', 'activate-me')).toBe(true);
    expect(sameActivationPassword('', '')).toBe(true);
    expect(sameActivationPassword('pässwörd 🔑', 'pässwörd 🔑')).toBe(true);
  });

  it('is false wherever the texts differ: first unit, last unit, case, one astral character', () => {
    expect(sameActivationPassword('xctivate-me', 'activate-me')).toBe(false);
    expect(sameActivationPassword('activate-mf', 'activate-me')).toBe(false);
    expect(sameActivationPassword('Activate-me', 'activate-me')).toBe(false);
    expect(sameActivationPassword('key 🔑', 'key 🔒')).toBe(false);
  });

  it('is false when one is a prefix of the other, either way round, or empty', () => {
    expect(sameActivationPassword('activate', 'activate-me')).toBe(false);
    expect(sameActivationPassword('activate-me', 'activate')).toBe(false);
    expect(sameActivationPassword('', 'activate-me')).toBe(false);
    expect(sameActivationPassword('activate-me', '')).toBe(false);
    // A NUL past the shorter one's end is still a difference.
    expect(sameActivationPassword('a\u0000', 'a')).toBe(false);
  });
});
