import { writeU32 } from '../../crypto/big-endian.js';
import { frameBytes } from '../../crypto/frame-slab.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { WireReader } from '../wire/wire-reader.js';

/** The u16 that opens DH-RC2/128 auth data. */
export const DH_AUTH_DATA_VERSION = 1;
/** Bytes of the random RC2 key of RC2/40 auth data. */
export const RC2_40_KEY_BYTES = 5;

/** The parts of RC2/40 (0x0002) auth data. Views of the LOGIN's bytes. */
export interface Rc2AuthData {
  /** The RC2 key (5 random bytes from real clients), sent in the clear beside the ciphertext. */
  readonly key: Uint8Array;
  /** RC2-CBC of the password's bytes under `key`. */
  readonly ciphertext: Uint8Array;
}

/** The parts of DH-RC2/128 (0x0004) auth data. Views of the LOGIN's bytes. */
export interface DhAuthData {
  /** The client's Diffie-Hellman public value, unsigned big-endian (minimal, so maybe under 64 bytes). */
  readonly clientKey: Uint8Array;
  /** RC2-CBC of (u32 magic, string password) under the last 16 bytes of the shared secret. */
  readonly ciphertext: Uint8Array;
}

function opaques(first: Uint8Array, second: Uint8Array): Uint8Array {
  // Written by hand into an array of exactly its size: once per login.
  const out = frameBytes(4 + first.length + 4 + second.length);
  let at = writeU32(out, 0, first.length);
  out.set(first, at);
  at = writeU32(out, at + first.length, second.length);
  out.set(second, at);
  return out;
}

/** RC2/40 auth data: opaque key (u32 length + bytes), opaque ciphertext. */
export function encodeRc2AuthData(key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return opaques(key, ciphertext);
}

/** DH-RC2/128 auth data: u16 1, opaque client public value, opaque ciphertext. */
export function encodeDhAuthData(clientKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const out = dhAuthDataFor(clientKey, ciphertext.length);
  out.set(ciphertext, dhCiphertextAt(clientKey));
  return out;
}

/**
 * DH-RC2/128 auth data with the ciphertext's `ciphertextLength` bytes left zero at
 * `dhCiphertextAt(clientKey)`, for a sealer that encrypts the password there.
 */
export function dhAuthDataFor(clientKey: Uint8Array, ciphertextLength: number): Uint8Array {
  const out = frameBytes(dhCiphertextAt(clientKey) + ciphertextLength);
  out[0] = DH_AUTH_DATA_VERSION >>> 8;
  out[1] = DH_AUTH_DATA_VERSION & 0xff;
  const at = writeU32(out, 2, clientKey.length);
  out.set(clientKey, at);
  writeU32(out, at + clientKey.length, ciphertextLength);
  return out;
}

/** Where the ciphertext starts in DH-RC2/128 auth data: after the version, and the client key with its length. */
export function dhCiphertextAt(clientKey: Uint8Array): number {
  return 2 + 4 + clientKey.length + 4;
}

/** Takes RC2/40 auth data apart. Throws `SametimeProtocolError` when it is not shaped so. */
export function decodeRc2AuthData(bytes: Uint8Array): Rc2AuthData {
  const r = new WireReader(bytes);
  const key = r.opaque();
  if (key.length < 1 || key.length > 128)
    throw new SametimeProtocolError('bad-value', `an RC2 key of ${key.length} bytes`);
  const ciphertext = r.opaque();
  r.end('RC2/40 auth data');
  return { key, ciphertext };
}

/** Takes DH-RC2/128 auth data apart. Throws `SametimeProtocolError` when it is not shaped so. */
export function decodeDhAuthData(bytes: Uint8Array): DhAuthData {
  const r = new WireReader(bytes);
  const version = r.u16();
  if (version !== DH_AUTH_DATA_VERSION) {
    throw new SametimeProtocolError('bad-value', `auth data version ${version}, expected ${DH_AUTH_DATA_VERSION}`);
  }
  const clientKey = r.opaque();
  if (clientKey.length === 0 || clientKey.length > 128) {
    throw new SametimeProtocolError('bad-value', `a client key of ${clientKey.length} bytes`);
  }
  const ciphertext = r.opaque();
  r.end('DH-RC2/128 auth data');
  return { clientKey, ciphertext };
}
