import { deflateRaw } from 'pako';
import { expect } from 'vitest';
import { FrameError, type FrameErrorCode } from '../../src/crypto/frame-error.js';
import type { PayloadCompressor } from '../../src/crypto/compression.js';

/** The text of a device's login request: about 150 bytes, as a BlackBerry client would send. */
export const LOGIN_TEXT = JSON.stringify({
  op: 'login',
  pin: '2100000A',
  user: 'alice.smith@example.com',
  password: 'Winter2008!',
  client: 'BlackBerry 8800/4.5',
  server: 'sametime.example.com',
});

export function loginPayload(): Uint8Array {
  return new TextEncoder().encode(LOGIN_TEXT);
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Whatever `action` throws, or undefined when it returns: for properties that check what is thrown. */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The FrameError `action` throws; fails the test if it throws nothing or something else. */
export function frameErrorOf(action: () => unknown): FrameError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError);
    return error as FrameError;
  }
  throw new Error('expected a FrameError, nothing was thrown');
}

/** Seals a raw deflate stream of `inflatedBytes` zero bytes, whatever payload it is given. */
export function compressorOfZeros(inflatedBytes: number): PayloadCompressor {
  const stream = deflateRaw(new Uint8Array(inflatedBytes));
  return {
    compress: () => stream,
    decompress: () => {
      throw new Error('this compressor only seals');
    },
  };
}

/** A decompression bomb: about a kilobyte of raw deflate that inflates to a million bytes. */
export const bombCompressor = compressorOfZeros(1_000_000);

/** Seals `body` as the compressed payload as is: authenticated bytes that need not be deflate. */
export function compressorOfBytes(body: Uint8Array): PayloadCompressor {
  return {
    compress: () => body,
    decompress: () => {
      throw new Error('this compressor only seals');
    },
  };
}

/**
 * What a single flipped bit may turn a sealed frame into when opened on its own: a header check, or
 * authentication (the header is in the nonce).
 */
export const TAMPER_CODES: readonly FrameErrorCode[] = [
  'truncated',
  'trailing-bytes',
  'too-large',
  'bad-version',
  'bad-kind',
  'bad-flags',
  'bad-direction',
  'not-encrypted',
  'authentication-failed',
];
