import { describe, expect, it } from 'vitest';
import { decodeFrameHeader, FRAME_HEADER_BYTES } from '../../src/crypto/frame-header.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { MAX_BODY_BYTES } from '../../src/crypto/limits.js';
import { linkIdFor } from '../../src/crypto/link-id.js';
import { openFrame, sealFrame } from '../../src/crypto/sealed-frame.js';
import { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { frameErrorOf, loginPayload } from './fixtures.js';

const key = TransportKey.generate(createRandom('frame-header'));
const linkId = linkIdFor('device:2100000A');
const frame = sealFrame(
  key,
  { linkId, direction: 'uplink', sequence: 5, kind: FrameKind.loginRequest },
  loginPayload(),
);

function edited(edit: (copy: Uint8Array, view: DataView) => void): Uint8Array {
  const copy = Uint8Array.from(frame);
  edit(copy, new DataView(copy.buffer));
  return copy;
}

function bumpLength(view: DataView, by: number): void {
  view.setUint32(8, view.getUint32(8) + by);
}

describe('a tampered header', () => {
  it.each([
    ['a version other than 1', 'bad-version', (f: Uint8Array) => (f[0] = 2)],
    ['version 0', 'bad-version', (f: Uint8Array) => (f[0] = 0)],
    ['kind 0', 'bad-kind', (f: Uint8Array) => (f[1] = 0)],
    ['kind 99', 'bad-kind', (f: Uint8Array) => (f[1] = 99)],
    ['an unknown flag', 'bad-flags', (f: Uint8Array) => (f[2] = f[2]! | 0x04)],
    ['direction 2', 'bad-direction', (f: Uint8Array) => (f[3] = 2)],
    ['a body length over the limit', 'too-large', (_f: Uint8Array, v: DataView) => v.setUint32(8, MAX_BODY_BYTES + 1)],
    ['a body length one more than arrived', 'truncated', (_f: Uint8Array, v: DataView) => bumpLength(v, +1)],
    ['a body length one less than arrived', 'trailing-bytes', (_f: Uint8Array, v: DataView) => bumpLength(v, -1)],
  ] as const)('with %s is refused by decodeFrameHeader and openFrame as %s', (_name, code, edit) => {
    const bad = edited(edit);
    expect(frameErrorOf(() => decodeFrameHeader(bad)).code).toBe(code);
    expect(frameErrorOf(() => openFrame(key, linkId, bad)).code).toBe(code);
  });

  it.each([
    ['another valid kind', (f: Uint8Array) => (f[1] = FrameKind.logout)],
    ['the other direction', (f: Uint8Array) => (f[3] = 1)],
    ['another sequence number', (_f: Uint8Array, v: DataView) => v.setUint32(4, 6)],
    ['the compressed flag cleared', (f: Uint8Array) => (f[2] = f[2]! & ~0x01)],
  ] as const)('with %s still decodes but fails authentication: the header is bound to the MAC', (_name, edit) => {
    const bad = edited(edit);
    expect(() => decodeFrameHeader(bad)).not.toThrow();
    expect(frameErrorOf(() => openFrame(key, linkId, bad)).code).toBe('authentication-failed');
  });

  it('with the encrypted flag cleared is refused as not-encrypted', () => {
    const bad = edited((f) => (f[2] = f[2]! & ~0x02));
    expect(decodeFrameHeader(bad).encrypted).toBe(false);
    expect(frameErrorOf(() => openFrame(key, linkId, bad)).code).toBe('not-encrypted');
  });
});

describe('a frame of the wrong length', () => {
  it.each([0, 1, FRAME_HEADER_BYTES - 1])('of %i bytes (shorter than the header) is truncated', (length) => {
    expect(frameErrorOf(() => decodeFrameHeader(frame.subarray(0, length))).code).toBe('truncated');
  });

  it('with a byte appended is refused as trailing-bytes', () => {
    const longer = new Uint8Array(frame.length + 1);
    longer.set(frame);
    expect(frameErrorOf(() => openFrame(key, linkId, longer)).code).toBe('trailing-bytes');
  });

  it('reads a header from a frame that sits inside a larger buffer', () => {
    const buffer = new Uint8Array(frame.length + 20);
    buffer.set(frame, 10);
    const inside = buffer.subarray(10, 10 + frame.length);
    expect(decodeFrameHeader(inside).sequence).toBe(5);
    expect(openFrame(key, linkId, inside).payload).toEqual(loginPayload());
  });
});
