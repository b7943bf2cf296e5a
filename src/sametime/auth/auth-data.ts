import nacl from 'tweetnacl';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { WireReader } from '../wire/wire-reader.js';
import { writeU32 } from '../../crypto/big-endian.js';

/** The u16 that opens key-exchange auth data, as it opens RC2/128 auth data. */
export const AUTH_DATA_VERSION = 1;
/** Bytes of an X25519 public key. */
export const PUBLIC_KEY_BYTES = nacl.box.publicKeyLength;
/** Bytes of a box nonce. */
export const NONCE_BYTES = nacl.box.nonceLength;
/** Bytes of the plaintext before the password: the u32 magic. */
export const MAGIC_BYTES = 4;

/** The parts of `x25519Box` auth data. Views of the LOGIN's bytes. */
export interface SealedCredentials {
  /** The client's X25519 public key. */
  readonly clientKey: Uint8Array;
  /** The nonce the box was sealed under. */
  readonly nonce: Uint8Array;
  /** NaCl box of (u32 magic, password UTF-8). */
  readonly box: Uint8Array;
}

/** Auth data for `AuthType.x25519Box`: u16 1, opaque client public key, opaque (nonce, box). */
export function encodeAuthData(clientKey: Uint8Array, nonce: Uint8Array, box: Uint8Array): Uint8Array {
  // Written by hand into an array of exactly its size: a WireWriter's DataView and the view its
  // finish() hands out cost more than the writing, once per login.
  const out = new Uint8Array(2 + 4 + clientKey.length + 4 + nonce.length + box.length);
  out[0] = AUTH_DATA_VERSION >>> 8;
  out[1] = AUTH_DATA_VERSION & 0xff;
  let at = writeU32(out, 2, clientKey.length);
  out.set(clientKey, at);
  at = writeU32(out, at + clientKey.length, nonce.length + box.length);
  out.set(nonce, at);
  out.set(box, at + nonce.length);
  return out;
}

/** Takes `x25519Box` auth data apart. Throws `SametimeProtocolError` when it is not shaped so. */
export function decodeAuthData(bytes: Uint8Array): SealedCredentials {
  const r = new WireReader(bytes);
  const version = r.u16();
  if (version !== AUTH_DATA_VERSION) {
    throw new SametimeProtocolError('bad-value', `auth data version ${version}, expected ${AUTH_DATA_VERSION}`);
  }
  const clientKey = r.opaque();
  if (clientKey.length !== PUBLIC_KEY_BYTES) {
    throw new SametimeProtocolError('bad-value', `a client key of ${clientKey.length} bytes, expected ${PUBLIC_KEY_BYTES}`);
  }
  const sealed = r.opaque();
  r.end('auth data');
  if (sealed.length < NONCE_BYTES + nacl.box.overheadLength + MAGIC_BYTES) {
    throw new SametimeProtocolError('truncated', `a sealed password of ${sealed.length} bytes is too short`);
  }
  return { clientKey, nonce: sealed.subarray(0, NONCE_BYTES), box: sealed.subarray(NONCE_BYTES) };
}
