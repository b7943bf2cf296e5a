import type { Random } from '../../random/seeded-random.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { wireReaderOver } from '../wire/wire-reader.js';
import { decodeDhAuthData, decodeRc2AuthData } from './auth-data.js';
import { AuthType } from './auth-type.js';
import { DH_KEY_BYTES, DhKeyPair } from './diffie-hellman.js';
import { rc2CbcDecrypt, rc2CbcDecryptPadded, rc2CbcPlainLength } from './rc2-cbc.js';
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
    const padded = rc2CbcDecryptPadded(key, ciphertext);
    if (padded === undefined) return undefined;
    try {
      // (u32 magic, string password), nothing after, then the padding: read as the wire reads a
      // string, in place, whose ASCII fast path spares a short password a TextDecoder call.
      const length = rc2CbcPlainLength(padded);
      const r = wireReaderOver(padded, 0, length);
      if (length < 6 || r.u32() !== magic >>> 0) return undefined;
      const password = r.string();
      return r.remaining === 0 ? password : undefined;
    } catch (error) {
      // A length longer than the bytes there, or bytes that are not UTF-8.
      if (error instanceof SametimeProtocolError) return undefined;
      throw error;
    } finally {
      padded.fill(0);
    }
  }
}
