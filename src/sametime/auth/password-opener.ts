import type { Random } from '../../random/seeded-random.js';
import { readU32 } from '../../crypto/big-endian.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { decodeDhAuthData, decodeRc2AuthData } from './auth-data.js';
import { AuthType } from './auth-type.js';
import { DH_KEY_BYTES, DhKeyPair } from './diffie-hellman.js';
import { rc2CbcDecrypt } from './rc2-cbc.js';
import { expandRc2Key } from './rc2.js';
import { SharedKeyCache } from './shared-key-cache.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How many client keys a server remembers the agreed key of. */
const CLIENT_KEYS_REMEMBERED = 1024;

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The server's side of the protocol's password protection: its Diffie-Hellman key pair (the
 * public value goes out in every HANDSHAKE_ACK, 64 bytes) and a cache of agreed RC2 keys per client
 * public value, so a client that reuses its key pair costs one exponentiation, ever.
 */
export class PasswordOpener {
  readonly #pair: DhKeyPair;
  readonly #keys: SharedKeyCache;
  #publicKey: Uint8Array | undefined;

  constructor(random: Random) {
    this.#pair = new DhKeyPair(random.fork('dh-private'));
    this.#keys = new SharedKeyCache(this.#pair, CLIENT_KEYS_REMEMBERED);
  }

  /** The server's Diffie-Hellman public value, left-padded to 64 bytes as real clients need it. */
  get publicKey(): Uint8Array {
    this.#publicKey ??= this.#pair.publicKey(DH_KEY_BYTES);
    return this.#publicKey;
  }

  /** Key agreements so far: one per distinct client key. */
  get keyAgreements(): number {
    return this.#keys.agreements;
  }

  /**
   * The password in a LOGIN's auth data, or `undefined` when it does not decrypt to one: a wrong
   * key, bad padding, a magic other than this connection's (a DH LOGIN replayed from another
   * connection), bytes that are not UTF-8. Throws `SametimeProtocolError` when the auth data is not
   * shaped as its auth type says, and for an auth type it does not speak.
   */
  open(authType: number, authData: Uint8Array, magic: number): string | undefined {
    if (authType === AuthType.rc2_40) {
      const { key, ciphertext } = decodeRc2AuthData(authData);
      const expanded = expandRc2Key(key);
      const plain = rc2CbcDecrypt(expanded, ciphertext);
      expanded.fill(0);
      if (plain === undefined) return undefined;
      const password = utf8(plain);
      plain.fill(0);
      return password;
    }
    if (authType !== AuthType.rc2_128)
      throw new SametimeProtocolError('bad-value', `auth type ${authType} is not RC2/40 or DH-RC2/128`);
    const { clientKey, ciphertext } = decodeDhAuthData(authData);
    const key = this.#keys.keyFor(clientKey);
    if (key === undefined) return undefined;
    const plain = rc2CbcDecrypt(key, ciphertext);
    if (plain === undefined) return undefined;
    try {
      // (u32 magic, u16 length, the password's bytes), nothing after.
      if (plain.length < 6 || readU32(plain, 0) !== magic >>> 0) return undefined;
      const length = (plain[4]! << 8) | plain[5]!;
      if (plain.length !== 6 + length) return undefined;
      return utf8(plain.subarray(6));
    } finally {
      plain.fill(0);
    }
  }
}
