import type { Random } from '../../random/seeded-random.js';
import { writeU32 } from '../../crypto/big-endian.js';
import { MAX_STRING_BYTES } from '../wire/wire-writer.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { encodeDhAuthData, encodeRc2AuthData, RC2_40_KEY_BYTES } from './auth-data.js';
import { DhKeyPair } from './diffie-hellman.js';
import { rc2CbcEncrypt } from './rc2-cbc.js';
import { expandRc2Key } from './rc2.js';
import { SharedKeyCache } from './shared-key-cache.js';

const encoder = new TextEncoder();

/** How many server keys a sealer remembers the agreed key of. */
const SERVER_KEYS_REMEMBERED = 64;

/** The password's UTF-8 bytes after `prefix` bytes of room. */
function passwordBytes(password: string, prefix: number): Uint8Array {
  let ascii = true;
  for (let i = 0; i < password.length && ascii; i++) ascii = password.charCodeAt(i) < 0x80;
  if (!ascii) {
    const utf8 = encoder.encode(password);
    const out = new Uint8Array(prefix + utf8.length);
    out.set(utf8, prefix);
    utf8.fill(0);
    return out;
  }
  const out = new Uint8Array(prefix + password.length);
  for (let i = 0; i < password.length; i++) out[prefix + i] = password.charCodeAt(i);
  return out;
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
    const plain = passwordBytes(password, 6);
    const length = plain.length - 6;
    if (length > MAX_STRING_BYTES) {
      plain.fill(0);
      throw new SametimeProtocolError(
        'too-large',
        `a password of ${length} UTF-8 bytes is over the ${MAX_STRING_BYTES}-byte limit`,
      );
    }
    writeU32(plain, 0, magic);
    plain[4] = length >>> 8;
    plain[5] = length & 0xff;
    const ciphertext = rc2CbcEncrypt(key, plain);
    plain.fill(0);
    return encodeDhAuthData(this.publicKey, ciphertext);
  }

  /** RC2/40 auth data: the password's bytes under 5 key bytes drawn for this login, sent beside it. */
  sealRc2_40(password: string): Uint8Array {
    const keyBytes = this.#rc2Keys.bytes(RC2_40_KEY_BYTES);
    const key = expandRc2Key(keyBytes);
    const plain = passwordBytes(password, 0);
    const ciphertext = rc2CbcEncrypt(key, plain);
    plain.fill(0);
    key.fill(0);
    return encodeRc2AuthData(keyBytes, ciphertext);
  }
}
