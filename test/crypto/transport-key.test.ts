import { format, inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { hex } from './fixtures.js';

const REDACTED = 'TransportKey(redacted)';

describe('TransportKey: it never shows its bytes', () => {
  const bytes = createRandom('transport-key').bytes(32);
  const key = TransportKey.fromBytes(bytes);

  it('prints, serialises and inspects as TransportKey(redacted)', () => {
    expect(String(key)).toBe(REDACTED);
    expect(`${key}`).toBe(REDACTED);
    expect(JSON.stringify({ key })).toBe(`{"key":"${REDACTED}"}`);
    expect(inspect(key)).toBe(REDACTED);
    const nested = inspect({ session: { key } }, { depth: Number.POSITIVE_INFINITY });
    expect(nested).toBe(`{ session: { key: ${REDACTED} } }`);
    expect(format('%o %O %s %j', key, key, key, key)).toBe(`${REDACTED} ${REDACTED} ${REDACTED} "${REDACTED}"`);
  });

  it('shows no key bytes, in hex or as numbers, however it is inspected', () => {
    const shown = [
      inspect(key, { showHidden: true, depth: Number.POSITIVE_INFINITY }),
      JSON.stringify(key),
      JSON.stringify({ ...key }),
      Object.values(key).join(','),
    ].join('\n');
    expect(shown).not.toContain(hex(bytes));
    expect(shown).not.toContain(hex(bytes.subarray(0, 8)));
    expect(shown).not.toContain(Array.from(bytes.subarray(0, 4)).join(','));
  });

  it('carries a short fingerprint that tells keys apart without being the key', () => {
    const other = TransportKey.generate(createRandom('another'));
    expect(key.fingerprint).toMatch(/^[0-9a-f]{8}$/);
    expect(key.fingerprint).not.toBe(other.fingerprint);
    expect(TransportKey.fromBytes(bytes).fingerprint).toBe(key.fingerprint);
    expect(hex(bytes)).not.toContain(key.fingerprint);
  });
});

describe('TransportKey.fromBytes', () => {
  it.each([0, 16, 31, 33, 64])('rejects %i bytes: a key is 32', (length) => {
    expect(() => TransportKey.fromBytes(new Uint8Array(length))).toThrow(RangeError);
  });

  it('copies the bytes: changing the source afterwards does not change the key', () => {
    const bytes = createRandom('copy').bytes(32);
    const key = TransportKey.fromBytes(bytes);
    bytes.fill(0);
    expect(key.equals(TransportKey.fromBytes(createRandom('copy').bytes(32)))).toBe(true);
    expect(key.equals(TransportKey.fromBytes(new Uint8Array(32)))).toBe(false);
  });
});

describe('TransportKey.equals', () => {
  it('is true for keys holding the same bytes and false otherwise', () => {
    const a = TransportKey.generate(createRandom('equals'));
    const b = TransportKey.generate(createRandom('equals'));
    const c = TransportKey.generate(createRandom('equals, but another'));
    const oneBitOff = createRandom('equals').bytes(32);
    oneBitOff[31]! ^= 0x80;

    expect(a).not.toBe(b);
    expect(a.equals(a)).toBe(true);
    expect(a.equals(b)).toBe(true);
    expect(b.equals(a)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.equals(TransportKey.fromBytes(oneBitOff))).toBe(false);
  });

  it('generate draws the 32 key bytes from the generator, the same as bytes(32) would', () => {
    const generated = TransportKey.generate(createRandom('draw'));
    expect(generated.equals(TransportKey.fromBytes(createRandom('draw').bytes(32)))).toBe(true);
  });
});
