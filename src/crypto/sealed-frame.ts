import nacl from 'tweetnacl';
import { frameDeflate, type PayloadCompressor } from './compression.js';
import { DeflateCompressor } from './deflate-compressor.js';
import { FrameError } from './frame-error.js';
import { openSecretbox, sealSecretbox } from './frame-secretbox.js';
import {
  FRAME_HEADER_BYTES,
  FRAME_VERSION,
  decodeFrameHeader,
  encodeFrameHeader,
  type Direction,
  type FrameHeader,
} from './frame-header.js';
import type { FrameKind } from './frame-kind.js';
import { LINK_ID_BYTES } from './link-id.js';
import { MAX_PAYLOAD_BYTES } from './limits.js';
import { transportKeyBytes, type TransportKey } from './transport-key.js';

/** Where a frame stands on its link: which link, which way, which number, what it carries. */
export interface FrameAddress {
  /** The link's 16-byte id. */
  readonly linkId: Uint8Array;
  /** Which way the frame travels. */
  readonly direction: Direction;
  /** The frame's number on its link in that direction, from 1. */
  readonly sequence: number;
  /** What the frame carries. */
  readonly kind: FrameKind;
}

/** A sealed frame opened: its clear header and its plaintext payload. */
export interface OpenedFrame {
  /** The frame's clear header. */
  readonly header: FrameHeader;
  /** The plaintext payload, inflated when the frame was compressed. */
  readonly payload: Uint8Array;
}

/**
 * The nonce is the link id followed by the header's first eight bytes (version, kind, flags,
 * direction, sequence): unique per key as long as a link never repeats a sequence number in a
 * direction, and it binds the header to the MAC, so a tampered header fails authentication.
 */
function frameNonce(linkId: Uint8Array, frame: Uint8Array): Uint8Array {
  if (linkId.length !== LINK_ID_BYTES)
    throw new RangeError(`a link id is ${LINK_ID_BYTES} bytes, got ${linkId.length}`);
  const nonce = new Uint8Array(nacl.secretbox.nonceLength);
  nonce.set(linkId, 0);
  // Byte by byte: a subarray of a small frame would make V8 move the frame off its heap.
  for (let i = 0; i < 8; i++) nonce[LINK_ID_BYTES + i] = frame[i]!;
  return nonce;
}

/** Compresses, then encrypts `payload` under `key` into one frame. The same inputs give the same bytes. */
export function sealFrame(
  key: TransportKey,
  address: FrameAddress,
  payload: Uint8Array,
  compressor: PayloadCompressor = frameDeflate,
): Uint8Array {
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new FrameError(
      'too-large',
      `a payload of ${payload.length} bytes is over the ${MAX_PAYLOAD_BYTES}-byte limit`,
    );
  }
  if (!Number.isInteger(address.sequence) || address.sequence < 1 || address.sequence > 0xffff_ffff) {
    throw new FrameError('sequence-exhausted', `sequence ${address.sequence} is outside 1..2^32-1`);
  }
  const compressed = compressor.compress(payload);
  const bodyLength = compressed.length + nacl.secretbox.overheadLength;
  const frame = new Uint8Array(FRAME_HEADER_BYTES + bodyLength);
  encodeFrameHeader(
    {
      version: FRAME_VERSION,
      kind: address.kind,
      compressed: true,
      encrypted: true,
      direction: address.direction,
      sequence: address.sequence,
      bodyLength,
    },
    frame,
  );
  sealSecretbox(compressed, frameNonce(address.linkId, frame), transportKeyBytes(key), frame, FRAME_HEADER_BYTES);
  return frame;
}

/**
 * Authenticates, decrypts, then inflates (capped at 64 KB) a frame. Stateless: replay checks
 * belong to the link (`SealedLink`). Every failure is a `FrameError`.
 */
export function openFrame(
  key: TransportKey,
  linkId: Uint8Array,
  frame: Uint8Array,
  compressor: PayloadCompressor = frameDeflate,
): OpenedFrame {
  const header = decodeFrameHeader(frame);
  return { header, payload: openBody(key, linkId, frame, header, compressor) };
}

/** The body of a frame whose header has been decoded and checked. */
export function openBody(
  key: TransportKey,
  linkId: Uint8Array,
  frame: Uint8Array,
  header: FrameHeader,
  compressor: PayloadCompressor = frameDeflate,
): Uint8Array {
  if (!header.encrypted) throw new FrameError('not-encrypted', 'the frame is not sealed');
  const plain = openSecretbox(frame, FRAME_HEADER_BYTES, frameNonce(linkId, frame), transportKeyBytes(key));
  if (plain === null) {
    throw new FrameError('authentication-failed', 'the frame does not authenticate: wrong key or tampered bytes');
  }
  if (!header.compressed) {
    if (plain.length > MAX_PAYLOAD_BYTES) throw new FrameError('too-large', 'the payload is over the 64 KB limit');
    return plain.slice();
  }
  // `plain` is a view of a buffer the next seal or open reuses. The library's deflate inflates it
  // into bytes of its own; any other compressor might hand it back as it is, so it gets a copy.
  return compressor.decompress(compressor instanceof DeflateCompressor ? plain : plain.slice(), MAX_PAYLOAD_BYTES);
}
