import { FrameError } from './frame-error.js';
import { isFrameKind, type FrameKind } from './frame-kind.js';
import { MAX_BODY_BYTES } from './limits.js';
import { readU32, writeU32 } from './big-endian.js';

/** The version of the sealed frame format that this library writes and reads. */
export const FRAME_VERSION = 1;
/** The size of a sealed frame's clear header, in bytes. */
export const FRAME_HEADER_BYTES = 12;

export const FrameFlag = {
  compressed: 0x01,
  encrypted: 0x02,
} as const;
const KNOWN_FLAGS = FrameFlag.compressed | FrameFlag.encrypted;

/** Which way a frame travels on a link: uplink from the device side, downlink towards it. */
export type Direction = 'uplink' | 'downlink';

/** The clear header of a sealed frame: what the Router may read without the transport key. */
export interface FrameHeader {
  /** The frame format's version (`FRAME_VERSION`). */
  readonly version: number;
  /** What the frame carries. */
  readonly kind: FrameKind;
  /** Whether the payload was compressed before sealing. */
  readonly compressed: boolean;
  /** Whether the body is sealed with the transport key. */
  readonly encrypted: boolean;
  /** Which way the frame travels on its link. */
  readonly direction: Direction;
  /** The link's sequence number for this direction, from 1. */
  readonly sequence: number;
  /** Bytes of body after the header. */
  readonly bodyLength: number;
}

/**
 * The 12-byte header of a sealed frame, big-endian:
 * version u8, kind u8, flags u8, direction u8 (0 uplink, 1 downlink), sequence u32, body length u32.
 */
export function encodeFrameHeader(header: FrameHeader, out: Uint8Array): void {
  out[0] = header.version;
  out[1] = header.kind;
  out[2] = (header.compressed ? FrameFlag.compressed : 0) | (header.encrypted ? FrameFlag.encrypted : 0);
  out[3] = header.direction === 'uplink' ? 0 : 1;
  writeU32(out, 4, header.sequence);
  writeU32(out, 8, header.bodyLength);
}

/** Reads and validates a frame's header against the frame's own length. */
export function decodeFrameHeader(frame: Uint8Array): FrameHeader {
  if (frame.length < FRAME_HEADER_BYTES) {
    throw new FrameError('truncated', `a frame needs ${FRAME_HEADER_BYTES} header bytes, got ${frame.length}`);
  }
  const version = frame[0]!;
  if (version !== FRAME_VERSION) {
    throw new FrameError('bad-version', `frame version ${version} is not ${FRAME_VERSION}`);
  }
  const kind = frame[1]!;
  if (!isFrameKind(kind)) throw new FrameError('bad-kind', `frame kind ${kind} is unknown`);
  const flags = frame[2]!;
  if ((flags & ~KNOWN_FLAGS) !== 0)
    throw new FrameError('bad-flags', `frame flags 0x${flags.toString(16)} are unknown`);
  const directionByte = frame[3]!;
  if (directionByte > 1) throw new FrameError('bad-direction', `frame direction ${directionByte} is unknown`);
  const sequence = readU32(frame, 4);
  const bodyLength = readU32(frame, 8);
  if (bodyLength > MAX_BODY_BYTES) {
    throw new FrameError('too-large', `a frame body of ${bodyLength} bytes is over the ${MAX_BODY_BYTES}-byte limit`);
  }
  const actual = frame.length - FRAME_HEADER_BYTES;
  if (actual < bodyLength) {
    throw new FrameError('truncated', `the header declares ${bodyLength} body bytes, ${actual} arrived`);
  }
  if (actual > bodyLength) {
    throw new FrameError('trailing-bytes', `${actual - bodyLength} bytes follow the declared body`);
  }
  return {
    version,
    kind,
    compressed: (flags & FrameFlag.compressed) !== 0,
    encrypted: (flags & FrameFlag.encrypted) !== 0,
    direction: directionByte === 0 ? 'uplink' : 'downlink',
    sequence,
    bodyLength,
  };
}
