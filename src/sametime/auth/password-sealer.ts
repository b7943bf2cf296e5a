import type { Random } from '../../random/seeded-random.js';
import { writeU32 } from '../../crypto/big-endian.js';
import { MAX_STRING_BYTES } from '../wire/wire-writer.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { dhAuthDataFor, dhCiphertextAt, encodeRc2AuthData, RC2_40_KEY_BYTES } from './auth-data.js';
import { DhKeyPair } from './diffie-hellman.js';
import { rc2CbcEncrypt, rc2CbcEncryptInPlace, rc2CbcLength } from './rc2-cbc.js';
import { expandRc2Key } from './rc2.js';
import { SharedKeyCache } from './shared-key-cache.js';

const encoder = new TextEncoder();

/** How many server keys a sealer remembers the agreed key of. */
const SERVER_KEYS_REMEMBERED = 64;

/** The password's UTF-8 bytes, unless it is ASCII, whose bytes are its char codes. */
function nonAsciiBytes(password: string): Uint8Array | undefined {
  for (let i = 0; i < password.length; i++) if (password.charCodeAt(i) >= 0x80) return encoder.encode(password);
  return undefined;
}

/** Writes an ASCII password's bytes, its char codes, at `out[at..]`. */
function writeAscii(out: Uint8Array, at: number, password: string): void {
  for (let i = 0; i < password.length; i++) out[at + i] = password.charCodeAt(i);
}

/**
 * The client's side of the protocol's password protection. For DH-RC2/128 (0x0004) it holds one
 * Diffie-Hellman key pair for all its logins and caches the agreed RC2 key per server key, so a
 * login costs an RC2 encryption, not an exponentiation. For RC2/40 (0x0002) it draws 5 fresh key
 * bytes per login. Everything random comes from the injected `Random`: same seed, same bytes.
 */
export class PasswordSealer {
  readonly #pair: DhKeyPair;
  readonly #keys: SharedKeyCache;
  readonly #rc2Keys: Random;
  #publicKey: Uint8Array | undefined;

  constructor(random: Random) {
    this.#pair = new DhKeyPair(random.fork('dh-private'));
    this.#keys = new SharedKeyCache(this.#pair, SERVER_KEYS_REMEMBERED);
    this.#rc2Keys = random.fork('rc2-40-keys');
  }

  /** The client's Diffie-Hellman public value, minimal big-endian, as LOGIN carries it. */
  get publicKey(): Uint8Array {
    this.#publicKey ??= this.#pair.publicKey();
    return this.#publicKey;
  }

  /** Key agreements so far: one per distinct server key, however many logins. */
  get keyAgreements(): number {
    return this.#keys.agreements;
  }

  /**
   * DH-RC2/128 auth data: (u32 magic, string password) under the key agreed with `serverKey`.
   * `undefined` when the server's key is not a usable public value. Throws
   * `SametimeProtocolError('too-large')` for a password over 65,535 UTF-8 bytes.
   */
  sealDh(serverKey: Uint8Array, magic: number, password: string): Uint8Array | undefined {
    const key = this.#keys.keyFor(serverKey);
    if (key === undefined) return undefined;
    const utf8 = nonAsciiBytes(password);
    const length = utf8 === undefined ? password.length : utf8.length;
    if (length > MAX_STRING_BYTES) {
      utf8?.fill(0);
      throw new SametimeProtocolError(
        'too-large',
        `a password of ${length} UTF-8 bytes is over the ${MAX_STRING_BYTES}-byte limit`,
      );
    }
    // (u32 magic, string password) written where its ciphertext goes and encrypted there: no
    // plaintext array to allocate and wipe, no ciphertext array to copy.
    const publicKey = this.publicKey;
    const plainLength = 6 + length;
    const authData = dhAuthDataFor(publicKey, rc2CbcLength(plainLength));
    const at = dhCiphertextAt(publicKey);
    writeU32(authData, at, magic);
    authData[at + 4] = length >>> 8;
    authData[at + 5] = length & 0xff;
    if (utf8 === undefined) writeAscii(authData, at + 6, password);
    else {
      authData.set(utf8, at + 6);
      utf8.fill(0);
    }
    rc2CbcEncryptInPlace(key, authData, at, plainLength);
    return authData;
  }

  /** RC2/40 auth data: the password's bytes under 5 key bytes drawn for this login, sent beside it. */
  sealRc2_40(password: string): Uint8Array {
    const keyBytes = this.#rc2Keys.bytes(RC2_40_KEY_BYTES);
    const key = expandRc2Key(keyBytes);
    const utf8 = nonAsciiBytes(password);
    const plain = utf8 ?? new Uint8Array(password.length);
    if (utf8 === undefined) writeAscii(plain, 0, password);
    const ciphertext = rc2CbcEncrypt(key, plain);
    plain.fill(0);
    key.fill(0);
    return encodeRc2AuthData(keyBytes, ciphertext);
  }
}
