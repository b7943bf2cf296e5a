import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  AuthType,
  decodeDhAuthData,
  decodeRc2AuthData,
  PasswordOpener,
  PasswordSealer,
  SametimeProtocolError,
} from '../../src/sametime/index.js';
import { fuzz } from './fuzz-settings.js';

const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

describe('the protocol’s password protection, client and server', () => {
  it('opens RC2/40 auth data a real client sent for "secret"', () => {
    const opener = new PasswordOpener(createRandom('opener'));
    expect(opener.open(AuthType.rc2_40, bytes('00000005' + 'ba34184d56' + '00000008' + 'fb998a5494b918dc'), 0)).toBe(
      'secret',
    );
    expect(opener.keyAgreements).toBe(0);
  });

  it('round-trips any password both ways, DH-RC2/128 bound to the magic', () => {
    const sealer = new PasswordSealer(createRandom('sealer'));
    const opener = new PasswordOpener(createRandom('opener'));
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        (password, magic) => {
          const dh = sealer.sealDh(opener.publicKey, magic, password)!;
          expect(opener.open(AuthType.rc2_128, dh, magic)).toBe(password);
          expect(opener.open(AuthType.rc2_128, dh, (magic + 1) >>> 0)).toBeUndefined();
          expect(opener.open(AuthType.rc2_40, sealer.sealRc2_40(password), magic)).toBe(password);
        },
      ),
      fuzz,
    );
    expect(sealer.keyAgreements).toBe(1);
    expect(opener.keyAgreements).toBe(1);
  });

  it('lays the auth data out as real peers do', () => {
    const sealer = new PasswordSealer(createRandom('sealer'));
    const opener = new PasswordOpener(createRandom('opener'));
    const dh = sealer.sealDh(opener.publicKey, 0x01020304, 'pw')!;
    expect(Array.from(dh.subarray(0, 2))).toEqual([0, 1]);
    const { clientKey, ciphertext } = decodeDhAuthData(dh);
    expect(Buffer.from(clientKey)).toEqual(Buffer.from(sealer.publicKey));
    expect(ciphertext).toHaveLength(16); // magic (4) + string (2 + 2): a whole block, so a block of padding
    const rc2 = decodeRc2AuthData(sealer.sealRc2_40('pw'));
    expect(rc2.key).toHaveLength(5);
    expect(rc2.ciphertext).toHaveLength(8);
  });

  it('draws every key from the seeded generator: same seed, same auth data', () => {
    const opener = new PasswordOpener(createRandom('opener'));
    const run = () => {
      const sealer = new PasswordSealer(createRandom('sealer'));
      return [sealer.sealDh(opener.publicKey, 5, 'pw')!, sealer.sealRc2_40('pw'), sealer.sealRc2_40('pw')].map((b) =>
        Buffer.from(b).toString('hex'),
      );
    };
    const [first, second] = [run(), run()];
    expect(first).toEqual(second);
    expect(first[1]).not.toBe(first[2]);
  });

  it('gives undefined for a wrong or tampered password, and a protocol error for malformed auth data', () => {
    const sealer = new PasswordSealer(createRandom('sealer'));
    const opener = new PasswordOpener(createRandom('opener'));
    const dh = sealer.sealDh(opener.publicKey, 9, 'right')!;
    fc.assert(
      fc.property(fc.nat(), (bit) => {
        const flipped = dh.slice();
        const at = 2 + 4 + (bit % ((flipped.length - 6) * 8));
        flipped[at >> 3]! ^= 1 << (at & 7);
        try {
          expect(opener.open(AuthType.rc2_128, flipped, 9)).toBeUndefined();
        } catch (error) {
          expect(error).toBeInstanceOf(SametimeProtocolError);
        }
      }),
      fuzz,
    );
    expect(() => opener.open(AuthType.rc2_128, Uint8Array.of(0, 2, 0, 0, 0, 0), 9)).toThrow(SametimeProtocolError);
    expect(() => opener.open(AuthType.plain, dh, 9)).toThrow(SametimeProtocolError);
    expect(() => opener.open(AuthType.rc2_40, dh, 9)).toThrow(SametimeProtocolError);
    expect(sealer.sealDh(new Uint8Array(64), 9, 'x')).toBeUndefined();
    expect(() => sealer.sealDh(opener.publicKey, 9, 'x'.repeat(0x1_0000))).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
  });
});
