import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameBytes } from '../../src/crypto/frame-slab.js';
import { encodeDeviceMessage, deviceMessage } from '../../src/pipeline/device-message.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { encodeFrame, decodeFrame } from '../../src/sametime/wire/frame.js';

/** Where an array's bytes sit in memory: its buffer and the range it covers. */
function span(bytes: Uint8Array): { buffer: ArrayBufferLike; start: number; end: number } {
  return { buffer: bytes.buffer, start: bytes.byteOffset, end: bytes.byteOffset + bytes.byteLength };
}

describe('the frame slab', () => {
  it('hands out zero-filled arrays of the asked length that never share a byte, however many', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 60 }), (lengths) => {
        const arrays = lengths.map((length) => frameBytes(length));
        arrays.forEach((bytes, i) => {
          expect(bytes.length).toBe(lengths[i]);
          expect(bytes.every((b) => b === 0)).toBe(true);
          bytes.fill(i + 1);
        });
        // Each still holds only what its own owner wrote: no two overlap.
        for (const [i, bytes] of arrays.entries()) expect(bytes.every((b) => b === ((i + 1) & 0xff))).toBe(true);
        const spans = arrays.filter((b) => b.length > 0).map(span);
        for (const a of spans)
          for (const b of spans)
            if (a !== b && a.buffer === b.buffer) expect(a.end <= b.start || b.end <= a.start).toBe(true);
      }),
      { seed: 21, numRuns: 100 },
    );
  });

  it('starts every array on an eight-byte boundary, so a DataView over it reads aligned', () => {
    for (const length of [1, 7, 9, 63, 65, 100]) expect(frameBytes(length).byteOffset % 8).toBe(0);
  });

  it('gives an array over a quarter of a slab a buffer of its own', () => {
    const large = frameBytes(4000);
    expect(large.byteOffset).toBe(0);
    expect(large.buffer.byteLength).toBe(4000);
  });

  it('keeps every encoded frame and device message intact while more are encoded', () => {
    const frames = Array.from({ length: 300 }, (_, i) =>
      encodeFrame({ type: 'ADMIN', channel: 0, text: `notice ${i} `.repeat(1 + (i % 9)) }),
    );
    const payloads = Array.from({ length: 300 }, (_, i) =>
      encodeDeviceMessage(
        deviceMessage(FrameKind.loginRequest, { userId: `user${i}`, password: 'pw', client: 'sametime' }),
      ),
    );
    for (const [i, frame] of frames.entries())
      expect(decodeFrame(frame)).toMatchObject({ type: 'ADMIN', text: `notice ${i} `.repeat(1 + (i % 9)) });
    for (const [i, payload] of payloads.entries())
      expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({
        userId: `user${i}`,
        password: 'pw',
        client: 'sametime',
      });
  });
});
