import nacl from 'tweetnacl';
import type { Random } from '../../random/seeded-random.js';
import { decodeAuthData, MAGIC_BYTES } from './auth-data.js';
import { SharedKeyCache } from './shared-key-cache.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** How many client keys a server remembers the shared key of. */
const CLIENT_KEYS_REMEMBERED = 1024;

/**
 * The server's side of the password protection: its X25519 key pair (announced in HANDSHAKE_ACK)
 * and a cache of shared keys per client public key.
 */
export class PasswordOpener {
  /** The server's X25519 public key. */
  readonly publicKey: Uint8Array;
  readonly #keys: SharedKeyCache;

  constructor(random: Random) {
    const pair = nacl.box.keyPair.fromSecretKey(random.bytes(nacl.box.secretKeyLength));
    this.publicKey = pair.publicKey;
    this.#keys = new SharedKeyCache(pair.secretKey, CLIENT_KEYS_REMEMBERED);
  }

  /** X25519 key agreements so far: one per distinct client key. */
  get keyAgreements(): number {
    return this.#keys.agreements;
  }

  /**
   * The password sealed in `authData` for this connection's `magic`, or `undefined` when the box
   * does not open, the magic differs (a LOGIN replayed from another connection) or the password
   * is not UTF-8. Throws `SametimeProtocolError` when the auth data is not shaped as `x25519Box`.
   */
  open(authData: Uint8Array, magic: number): string | undefined {
    const { clientKey, nonce, box } = decodeAuthData(authData);
    const plain = nacl.box.open.after(box, nonce, this.#keys.sharedKey(clientKey));
    if (plain === null) return undefined;
    try {
      const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
      if (view.getUint32(0) !== magic >>> 0) return undefined;
      return decoder.decode(plain.subarray(MAGIC_BYTES));
    } catch {
      return undefined;
    } finally {
      plain.fill(0);
    }
  }
}
