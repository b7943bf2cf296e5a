import { describe, expect, it } from 'vitest';
import { decodeAuthData, encodeAuthData } from '../../src/sametime/auth/auth-data.js';
import { WireWriter } from '../../src/sametime/wire/wire-writer.js';

describe('encodeAuthData', () => {
  it('lays out u16 version, opaque client key, opaque (nonce, box), as the wire writer would', () => {
    const clientKey = Uint8Array.from({ length: 32 }, (_, i) => i);
    const nonce = Uint8Array.from({ length: 24 }, (_, i) => 100 + i);
    const box = Uint8Array.from({ length: 27 }, (_, i) => 200 - i);
    const expected = new WireWriter().u16(1).opaque(clientKey).u32(nonce.length + box.length).raw(nonce).raw(box).finish();
    const encoded = encodeAuthData(clientKey, nonce, box);
    expect(encoded).toEqual(expected);
    expect(decodeAuthData(encoded)).toEqual({ clientKey, nonce, box });
  });
});
