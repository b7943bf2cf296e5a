import fc from 'fast-check';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { openSecretbox, sealSecretbox } from '../../src/crypto/frame-secretbox.js';
import { createRandom } from '../../src/random/seeded-random.js';

const random = createRandom('frame-secretbox');
const key = random.bytes(32);
const nonce = random.bytes(24);

/** `message` sealed into a frame of `at` header bytes (filled with 0xee), as sealFrame lays it out. */
function sealed(message: Uint8Array, at = 12): Uint8Array {
  const frame = new Uint8Array(at + message.length + nacl.secretbox.overheadLength).fill(0xee, 0, at);
  sealSecretbox(message, nonce, key, frame, at);
  return frame;
}

describe('the secretbox on reused buffers', () => {
  it("seals exactly the bytes nacl.secretbox does, after the frame's header, for any length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), (message) => {
        const frame = sealed(message);
        expect(frame.subarray(0, 12).every((b) => b === 0xee)).toBe(true);
        expect(frame.subarray(12)).toEqual(nacl.secretbox(message, nonce, key));
      }),
      { seed: 13, numRuns: 200 },
    );
  });

  it('opens what it sealed, and what nacl.secretbox sealed, for any length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 6000 }), (message) => {
        expect(openSecretbox(sealed(message), 12, nonce, key)).toEqual(message);
        const box = nacl.secretbox(message, nonce, key);
        expect(openSecretbox(box, 0, nonce, key)).toEqual(message);
      }),
      { seed: 14, numRuns: 200 },
    );
  });

  it('refuses a flipped bit anywhere in the box, a wrong key, a wrong nonce and a box shorter than its MAC', () => {
    const message = new TextEncoder().encode('{"userId":"alice","password":"pw"}');
    const frame = sealed(message);
    for (let i = 12; i < frame.length; i++) {
      const tampered = frame.slice();
      tampered[i]! ^= 0x01;
      expect(openSecretbox(tampered, 12, nonce, key)).toBeNull();
    }
    expect(openSecretbox(frame, 12, nonce, random.bytes(32))).toBeNull();
    expect(openSecretbox(frame, 12, random.bytes(24), key)).toBeNull();
    expect(openSecretbox(frame.subarray(0, 12 + 15), 12, nonce, key)).toBeNull();
    expect(openSecretbox(frame, 12, nonce, key)).toEqual(message);
  });

  it('leaves a sealed frame alone when the buffers are reused, and hands out a plaintext the next open replaces', () => {
    const first = sealed(new TextEncoder().encode('first message'));
    const copy = first.slice();
    const second = sealed(new TextEncoder().encode('a second, longer message'));
    expect(first).toEqual(copy);
    const opened = openSecretbox(first, 12, nonce, key)!;
    expect(new TextDecoder().decode(opened)).toBe('first message');
    openSecretbox(second, 12, nonce, key);
    expect(new TextDecoder().decode(opened)).not.toBe('first message');
  });
});
