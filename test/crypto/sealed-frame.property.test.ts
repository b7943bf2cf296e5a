import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameError } from '../../src/crypto/frame-error.js';
import { decodeFrameHeader, FRAME_HEADER_BYTES, type Direction } from '../../src/crypto/frame-header.js';
import { FrameKind } from '../../src/crypto/frame-kind.js';
import { linkIdFor } from '../../src/crypto/link-id.js';
import { openFrame, sealFrame, type FrameAddress } from '../../src/crypto/sealed-frame.js';
import { TransportKey } from '../../src/crypto/transport-key.js';
import { createRandom } from '../../src/random/seeded-random.js';
import { TAMPER_CODES, thrownBy } from './fixtures.js';

/** Runs per property; raise it locally, e.g. `BES_FUZZ_RUNS=20000 npx vitest run test/crypto`. */
const numRuns = Number(process.env['BES_FUZZ_RUNS'] ?? 200);
const settings = { seed: 20_080_601, numRuns };

const key = TransportKey.generate(createRandom('sealed-frame.property'));
const linkId = linkIdFor('device:2100000A');

const kinds = Object.values(FrameKind);
const addressArb: fc.Arbitrary<FrameAddress> = fc.record({
  linkId: fc.constant(linkId),
  direction: fc.constantFrom<Direction>('uplink', 'downlink'),
  sequence: fc.integer({ min: 1, max: 0xffff_ffff }),
  kind: fc.constantFrom(...kinds),
});
const payloadArb = fc.oneof(
  fc.uint8Array({ maxLength: 4_096 }),
  fc.string({ maxLength: 2_000 }).map((text) => new TextEncoder().encode(text)),
);

describe('sealed frames under arbitrary inputs', () => {
  it('open gives back any payload and address that was sealed', () => {
    fc.assert(
      fc.property(addressArb, payloadArb, (address, payload) => {
        const opened = openFrame(key, linkId, sealFrame(key, address, payload));
        expect(opened.payload).toEqual(payload);
        expect(opened.header).toMatchObject({
          kind: address.kind,
          direction: address.direction,
          sequence: address.sequence,
        });
      }),
      settings,
    );
  });

  it('flipping any single bit of a sealed frame makes open throw a FrameError', () => {
    const frameAndBit = fc
      .tuple(addressArb, fc.uint8Array({ maxLength: 1_024 }))
      .map(([address, payload]) => sealFrame(key, address, payload))
      .chain((frame) => fc.tuple(fc.constant(frame), fc.nat({ max: frame.length * 8 - 1 })));
    fc.assert(
      fc.property(frameAndBit, ([frame, bit]) => {
        const tampered = Uint8Array.from(frame);
        tampered[bit >> 3]! ^= 1 << (bit & 7);
        const error = thrownBy(() => openFrame(key, linkId, tampered));
        expect(error).toBeInstanceOf(FrameError);
        expect(TAMPER_CODES).toContain((error as FrameError).code);
      }),
      settings,
    );
  });

  it('every strict truncation of a sealed frame is refused as truncated', () => {
    const frameAndCut = fc
      .tuple(addressArb, fc.uint8Array({ maxLength: 1_024 }))
      .map(([address, payload]) => sealFrame(key, address, payload))
      .chain((frame) => fc.tuple(fc.constant(frame), fc.nat({ max: frame.length - 1 })));
    fc.assert(
      fc.property(frameAndCut, ([frame, cut]) => {
        const error = thrownBy(() => openFrame(key, linkId, frame.subarray(0, cut)));
        expect(error).toBeInstanceOf(FrameError);
        expect((error as FrameError).code).toBe('truncated');
      }),
      settings,
    );
  });

  it('random bytes never make openFrame or decodeFrameHeader throw anything but a FrameError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        for (const action of [() => decodeFrameHeader(bytes), () => openFrame(key, linkId, bytes)]) {
          const error = thrownBy(action);
          if (error !== undefined) expect(error).toBeInstanceOf(FrameError);
        }
      }),
      settings,
    );
  });

  it('random bodies behind a well-formed header never open, and fail only with a FrameError', () => {
    // Random bytes rarely pass the header checks; this reaches authentication and inflation every time.
    const wellFormed = fc
      .tuple(
        fc.constantFrom(...kinds),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 0, max: 0xffff_ffff }),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([kind, flags, direction, sequence, body]) => {
        const frame = new Uint8Array(FRAME_HEADER_BYTES + body.length);
        const view = new DataView(frame.buffer);
        frame.set([1, kind, flags, direction]);
        view.setUint32(4, sequence);
        view.setUint32(8, body.length);
        frame.set(body, FRAME_HEADER_BYTES);
        return frame;
      });
    fc.assert(
      fc.property(wellFormed, (frame) => {
        expect(() => decodeFrameHeader(frame)).not.toThrow();
        const error = thrownBy(() => openFrame(key, linkId, frame));
        expect(error).toBeInstanceOf(FrameError);
        expect(['not-encrypted', 'authentication-failed']).toContain((error as FrameError).code);
      }),
      settings,
    );
  });
});
