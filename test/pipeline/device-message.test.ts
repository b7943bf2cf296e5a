import { describe, expect, it } from 'vitest';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { decodeDeviceMessage, deviceMessage, encodeDeviceMessage } from '../../src/pipeline/device-message.js';
import { PipelineError } from '../../src/pipeline/pipeline-error.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function malformed(kind: number, payload: Uint8Array): PipelineError {
  try {
    decodeDeviceMessage(kind, payload, 'dispatcher');
  } catch (error) {
    expect(error).toBeInstanceOf(PipelineError);
    return error as PipelineError;
  }
  throw new Error('expected the message to be rejected');
}

describe('device messages', () => {
  it('round-trips a login request', () => {
    const message = deviceMessage(FrameKind.loginRequest, { userId: 'alice', password: 'pw', client: 'sametime' });
    expect(decodeDeviceMessage(FrameKind.loginRequest, encodeDeviceMessage(message), 'dispatcher')).toEqual(message);
  });

  it('round-trips a login reply with a reason code, and one without optional fields', () => {
    for (const body of [
      { status: 'authentication-failed', reason: 'incorrect-login', reasonCode: 0x80000211 },
      { status: 'accepted', sessionId: 'session-1' },
    ] as const) {
      const message = deviceMessage(FrameKind.loginReply, body);
      expect(decodeDeviceMessage(FrameKind.loginReply, encodeDeviceMessage(message), 'device')).toEqual(message);
    }
  });

  it('rejects a payload that is not JSON, not UTF-8, or the wrong shape for its kind', () => {
    expect(malformed(FrameKind.loginRequest, text('{not json')).code).toBe('malformed-message');
    expect(malformed(FrameKind.loginRequest, Uint8Array.of(0xff, 0xfe)).code).toBe('malformed-message');
    const wrongShape = malformed(FrameKind.loginRequest, text('{"userId":"alice"}'));
    expect(wrongShape.message).toContain('password');
    expect(wrongShape.hop).toBe('dispatcher');
    expect(malformed(FrameKind.statusUpdate, text('{"presence":"asleep"}')).message).toContain('presence');
  });

  it('rejects unknown fields and unknown kinds', () => {
    expect(malformed(FrameKind.logout, text('{"extra":1}')).code).toBe('malformed-message');
    expect(malformed(99, text('{}')).code).toBe('malformed-message');
  });

  it('never puts the password in an error message', () => {
    const error = malformed(FrameKind.loginRequest, text('{"userId":"","password":"hunter2","client":"sametime"}'));
    expect(error.message).not.toContain('hunter2');
  });
});
