import { describe, expect, it } from 'vitest';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { deviceMessage, encodeDeviceMessage } from '../../src/pipeline/device-message.js';

describe('encodeDeviceMessage', () => {
  it.each([
    [
      'a login request',
      deviceMessage(FrameKind.loginRequest, { userId: 'ålice', password: 'pw€', client: 'sametime' }),
    ],
    ['a logout', deviceMessage(FrameKind.logout, {})],
    [
      'a body larger than the 4 KiB encoding buffer',
      deviceMessage(FrameKind.logoutReply, { status: 'session-closed', reason: 'x'.repeat(5_000) }),
    ],
  ])('gives the UTF-8 of the body as JSON for %s, in an array of its own', (_name, message) => {
    const encoded = encodeDeviceMessage(message);
    expect(encoded).toEqual(new TextEncoder().encode(JSON.stringify(message.body)));
    const again = encodeDeviceMessage(message);
    expect(again).not.toBe(encoded);
    again.fill(0);
    expect(encoded).toEqual(new TextEncoder().encode(JSON.stringify(message.body)));
  });
});
