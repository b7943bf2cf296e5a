import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expandRc2Key,
  rc2CbcDecrypt,
  rc2CbcEncrypt,
  rc2DecryptBlock,
  rc2EncryptBlock,
  SAMETIME_IV,
} from '../../src/sametime/index.js';
import { rc2CbcEncryptInPlace, rc2CbcLength } from '../../src/sametime/auth/rc2-cbc.js';
import { fuzz } from './fuzz-settings.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));

/** RFC 2268 section 5: key, effective key bits, plaintext, ciphertext. */
const RFC_2268_VECTORS: readonly [string, number, string, string][] = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  ['88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e', 129, '0000000000000000', '5b78d3a43dfff1f1'],
];

describe('RC2 (RFC 2268)', () => {
  it.each(RFC_2268_VECTORS)('key %s at %i effective bits encrypts %s to %s, and back', (key, bits, plain, cipher) => {
    const k = expandRc2Key(bytes(key), bits);
    const out = new Uint8Array(8);
    rc2EncryptBlock(k, bytes(plain), out);
    expect(hex(out)).toBe(cipher);
    rc2DecryptBlock(k, out, out);
    expect(hex(out)).toBe(plain);
  });

  it('uses 1024 effective bits by default, as the Sametime login does: another cipher than RC2/40 or RC2/128', () => {
    const key = bytes('88bca90e90875a7f0f79c384627bafb2');
    const block = (k: Uint16Array): string => {
      const out = new Uint8Array(8);
      rc2EncryptBlock(k, new Uint8Array(8), out);
      return hex(out);
    };
    expect(block(expandRc2Key(key))).toBe(block(expandRc2Key(key, 1024)));
    expect(block(expandRc2Key(key))).not.toBe('2269552ab0f85ca6');
    expect(block(expandRc2Key(key.subarray(0, 5)))).not.toBe(block(expandRc2Key(key.subarray(0, 5), 40)));
  });

  it('encrypts a password as a real Sametime client does (RC2/40 auth data for "secret")', () => {
    // Seen from the open-source client library: key ba34184d56, ciphertext fb998a5494b918dc.
    const k = expandRc2Key(bytes('ba34184d56'));
    expect(hex(rc2CbcEncrypt(k, new TextEncoder().encode('secret')))).toBe('fb998a5494b918dc');
    expect(new TextDecoder().decode(rc2CbcDecrypt(k, bytes('fb998a5494b918dc')))).toBe('secret');
    expect(hex(SAMETIME_IV)).toBe('0123456789abcdef');
  });

  it('encrypts in place, as the DH sealer does inside its auth data, exactly as rc2CbcEncrypt does, touching nothing around it', () => {
    const k = expandRc2Key(bytes('0102030405'));
    for (let n = 0; n <= 24; n++) {
      const plain = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const room = new Uint8Array(3 + rc2CbcLength(n) + 5).fill(0xee);
      room.set(plain, 3);
      rc2CbcEncryptInPlace(k, room, 3, n);
      expect(hex(room.subarray(3, 3 + rc2CbcLength(n)))).toBe(hex(rc2CbcEncrypt(k, plain)));
      expect([...room.subarray(0, 3), ...room.subarray(3 + rc2CbcLength(n))].every((b) => b === 0xee)).toBe(true);
    }
  });

  it('pads with 1 to 8 bytes each equal to the pad length, so a whole block of plaintext gains a block', () => {
    const k = expandRc2Key(bytes('0102030405'));
    for (let n = 0; n <= 24; n++) expect(rc2CbcEncrypt(k, new Uint8Array(n)).length).toBe((Math.floor(n / 8) + 1) * 8);
  });

  it('round-trips any plaintext under any key, and at any effective length block by block', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 128 }),
        fc.integer({ min: 1, max: 1024 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ maxLength: 100 }),
        (key, bits, block, plain) => {
          const k = expandRc2Key(key, bits);
          const out = new Uint8Array(8);
          rc2EncryptBlock(k, block, out);
          rc2DecryptBlock(k, out, out);
          expect(hex(out)).toBe(hex(block));
          const protocolKey = expandRc2Key(key);
          expect(hex(rc2CbcDecrypt(protocolKey, rc2CbcEncrypt(protocolKey, plain))!)).toBe(hex(plain));
        },
      ),
      fuzz,
    );
  });

  it('decrypts any bytes to a plaintext or to undefined, never throwing; bad lengths and padding give undefined', () => {
    const k = expandRc2Key(bytes('00112233445566778899aabbccddeeff'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (cipher) => {
        const plain = rc2CbcDecrypt(k, cipher);
        if (cipher.length === 0 || cipher.length % 8 !== 0) expect(plain).toBeUndefined();
        if (plain !== undefined) expect(hex(rc2CbcEncrypt(k, plain))).toBe(hex(cipher));
      }),
      fuzz,
    );
    const good = rc2CbcEncrypt(k, new TextEncoder().encode('pw'));
    const wrongKey = expandRc2Key(bytes('ffeeddccbbaa99887766554433221100'));
    const opened = rc2CbcDecrypt(wrongKey, good);
    expect(opened === undefined || hex(opened) !== hex(new TextEncoder().encode('pw'))).toBe(true);
  });

  it('refuses keys and effective lengths out of range', () => {
    expect(() => expandRc2Key(new Uint8Array(0))).toThrow(RangeError);
    expect(() => expandRc2Key(new Uint8Array(129))).toThrow(RangeError);
    expect(() => expandRc2Key(new Uint8Array(8), 0)).toThrow(RangeError);
    expect(() => expandRc2Key(new Uint8Array(8), 1025)).toThrow(RangeError);
  });
});
