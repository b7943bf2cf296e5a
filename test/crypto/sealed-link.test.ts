import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { PayloadCompressor } from '../../src/crypto/compression.js';
import type { FrameError } from '../../src/crypto/frame-error.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { linkIdFor } from '../../src/crypto/link-id.js';
import { SealedLink } from '../../src/crypto/sealed-link.js';
import { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { bombCompressor, compressorOfBytes, frameErrorOf, hex, LOGIN_TEXT, loginPayload } from './fixtures.js';

const KEY_SEED = 'sealed-link';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A device and its BES, holding the same transport key and link id. */
function pair(seed: string = KEY_SEED) {
  const key = TransportKey.generate(createRandom(seed));
  const linkId = linkIdFor('device:2100000A');
  return {
    device: new SealedLink({ key, linkId, sends: 'uplink' }),
    bes: new SealedLink({ key, linkId, sends: 'downlink' }),
  };
}

describe('SealedLink: a device and its BES', () => {
  it('carries frames both ways: the device sends uplink, the BES sends downlink', () => {
    const { device, bes } = pair();

    const request = bes.open(device.seal(FrameKind.loginRequest, loginPayload()));
    expect(decoder.decode(request.payload)).toBe(LOGIN_TEXT);
    expect(request.header).toMatchObject({ kind: FrameKind.loginRequest, direction: 'uplink', sequence: 1 });

    const reply = device.open(bes.seal(FrameKind.loginReply, encoder.encode('{"ok":true}')));
    expect(decoder.decode(reply.payload)).toBe('{"ok":true}');
    expect(reply.header).toMatchObject({ kind: FrameKind.loginReply, direction: 'downlink', sequence: 1 });
  });

  it('numbers each direction from 1 on its own', () => {
    const { device, bes } = pair();
    expect([device.lastSent, device.lastAccepted, bes.lastSent, bes.lastAccepted]).toEqual([0, 0, 0, 0]);

    const sequences: number[] = [];
    for (let i = 0; i < 3; i++) {
      sequences.push(bes.open(device.seal(FrameKind.statusUpdate, loginPayload())).header.sequence);
    }
    sequences.push(device.open(bes.seal(FrameKind.statusReply, loginPayload())).header.sequence);

    expect(sequences).toEqual([1, 2, 3, 1]);
    expect([device.lastSent, device.lastAccepted, bes.lastSent, bes.lastAccepted]).toEqual([3, 1, 1, 3]);
  });

  it('accepts a gap in the numbering (a lost frame) and goes on from the highest number', () => {
    const { device, bes } = pair();
    device.seal(FrameKind.statusUpdate, loginPayload()); // lost on the way
    expect(bes.open(device.seal(FrameKind.statusUpdate, loginPayload())).header.sequence).toBe(2);
    expect(bes.lastAccepted).toBe(2);
  });

  it('refuses a payload over 64 KiB as too-large without using up a sequence number', () => {
    const { device, bes } = pair();
    expect(frameErrorOf(() => device.seal(FrameKind.statusUpdate, new Uint8Array(64 * 1024 + 1))).code).toBe(
      'too-large',
    );
    expect(device.lastSent).toBe(0);
    expect(bes.open(device.seal(FrameKind.statusUpdate, loginPayload())).header.sequence).toBe(1);
  });

  it('does not keep a reference to the link id it was given', () => {
    const key = TransportKey.generate(createRandom(KEY_SEED));
    const linkId = Uint8Array.from(linkIdFor('device:2100000A'));
    const device = new SealedLink({ key, linkId, sends: 'uplink' });
    linkId.fill(0);
    const bes = new SealedLink({ key, linkId: linkIdFor('device:2100000A'), sends: 'downlink' });
    expect(bes.open(device.seal(FrameKind.loginRequest, loginPayload())).payload).toEqual(loginPayload());
  });
});

describe('SealedLink: frames a receiver refuses, leaving the link as it was', () => {
  it('refuses a replayed frame as replayed', () => {
    const { device, bes } = pair();
    const frame = device.seal(FrameKind.loginRequest, loginPayload());
    bes.open(frame);

    expect(frameErrorOf(() => bes.open(frame)).code).toBe('replayed');
    expect(bes.lastAccepted).toBe(1);
  });

  it('refuses an older frame that arrives after a newer one as replayed', () => {
    const { device, bes } = pair();
    const first = device.seal(FrameKind.statusUpdate, loginPayload());
    const second = device.seal(FrameKind.statusUpdate, loginPayload());
    bes.open(second);

    expect(frameErrorOf(() => bes.open(first)).code).toBe('replayed');
    expect(bes.lastAccepted).toBe(2);
  });

  it('refuses a frame sent back to its sender as wrong-direction', () => {
    const { device, bes } = pair();
    const uplink = device.seal(FrameKind.loginRequest, loginPayload());
    const downlink = bes.seal(FrameKind.loginReply, loginPayload());

    expect(frameErrorOf(() => device.open(uplink)).code).toBe('wrong-direction');
    expect(frameErrorOf(() => bes.open(downlink)).code).toBe('wrong-direction');
    expect([device.lastAccepted, bes.lastAccepted]).toEqual([0, 0]);
  });

  it('refuses a frame under another key, on either side, as authentication-failed; the next genuine one opens', () => {
    const { device, bes } = pair();
    const impostor = pair('an impostor key');

    expect(frameErrorOf(() => bes.open(impostor.device.seal(FrameKind.loginRequest, loginPayload()))).code).toBe(
      'authentication-failed',
    );
    expect(bes.lastAccepted).toBe(0);
    expect(bes.open(device.seal(FrameKind.loginRequest, loginPayload())).header.sequence).toBe(1);

    // The impostor's second frame carries sequence 2, above what the device accepted: it still must not move the link.
    impostor.bes.seal(FrameKind.loginReply, loginPayload());
    expect(frameErrorOf(() => device.open(impostor.bes.seal(FrameKind.loginReply, loginPayload()))).code).toBe(
      'authentication-failed',
    );
    expect(device.lastAccepted).toBe(0);
    expect(device.open(bes.seal(FrameKind.loginReply, loginPayload())).header.sequence).toBe(1);
  });

  it('refuses a decompression bomb as decompressed-too-large without moving lastAccepted', () => {
    const key = TransportKey.generate(createRandom(KEY_SEED));
    const linkId = linkIdFor('device:2100000A');
    const rogueDevice = new SealedLink({ key, linkId, sends: 'uplink', compressor: bombCompressor });
    const { device, bes } = pair();
    bes.open(device.seal(FrameKind.loginRequest, loginPayload()));

    rogueDevice.seal(FrameKind.statusUpdate, loginPayload());
    const bomb = rogueDevice.seal(FrameKind.statusUpdate, loginPayload());
    expect(frameErrorOf(() => bes.open(bomb)).code).toBe('decompressed-too-large');
    expect(bes.lastAccepted).toBe(1);
    expect(bes.open(device.seal(FrameKind.statusUpdate, loginPayload())).header.sequence).toBe(2);
  });

  it('check() reads the header and sequence without opening or accepting the frame', () => {
    const { device, bes } = pair();
    const frame = device.seal(FrameKind.loginRequest, loginPayload());

    expect(bes.check(frame)).toMatchObject({ direction: 'uplink', sequence: 1 });
    expect(bes.lastAccepted).toBe(0);
    expect(bes.open(frame).header.sequence).toBe(1);
    expect(frameErrorOf(() => bes.check(frame)).code).toBe('replayed');
  });
});

describe('SealedLink: what a failure tells', () => {
  it('never puts the key bytes or the plaintext in an error', () => {
    const keyHex = hex(createRandom(KEY_SEED).bytes(32));
    const { device, bes } = pair();
    const impostor = pair('an impostor key');
    const key = TransportKey.generate(createRandom(KEY_SEED));
    const linkId = linkIdFor('device:2100000A');
    const rogue = (compressor: PayloadCompressor) => new SealedLink({ key, linkId, sends: 'uplink', compressor });
    const freshBes = () => new SealedLink({ key, linkId, sends: 'downlink' });

    const notDeflate = rogue(compressorOfBytes(loginPayload()));

    const first = device.seal(FrameKind.loginRequest, loginPayload());
    bes.open(first);
    const tampered = device.seal(FrameKind.loginRequest, loginPayload());
    tampered[tampered.length - 1]! ^= 1;
    const errors: FrameError[] = [
      frameErrorOf(() => bes.open(first)),
      frameErrorOf(() => device.open(first)),
      frameErrorOf(() => bes.open(tampered)),
      frameErrorOf(() => freshBes().open(impostor.device.seal(FrameKind.loginRequest, loginPayload()))),
      frameErrorOf(() => freshBes().open(rogue(bombCompressor).seal(FrameKind.loginRequest, loginPayload()))),
      frameErrorOf(() => freshBes().open(notDeflate.seal(FrameKind.loginRequest, loginPayload()))),
      frameErrorOf(() => bes.open(tampered.subarray(0, 40))),
    ];

    expect(errors.map((error) => error.code)).toEqual([
      'replayed',
      'wrong-direction',
      'authentication-failed',
      'authentication-failed',
      'decompressed-too-large',
      'corrupt-payload',
      'truncated',
    ]);
    for (const error of errors) {
      const shown = `${error.message}\n${String(error)}\n${inspect(error)}\n${JSON.stringify(error)}`;
      expect(shown.toLowerCase()).not.toContain(keyHex);
      expect(shown).not.toContain(LOGIN_TEXT);
      expect(shown).not.toContain('Winter2008!');
      expect(shown).not.toContain('alice.smith');
      expect(shown.toLowerCase()).not.toContain(hex(loginPayload()).slice(0, 24));
    }
  });
});
