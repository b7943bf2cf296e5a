import nacl from 'tweetnacl';
import type { Random } from '../../random/seeded-random.js';
import { encodeAuthData, MAGIC_BYTES, NONCE_BYTES } from './auth-data.js';
import { SharedKeyCache } from './shared-key-cache.js';

const encoder = new TextEncoder();

/** How many server keys a sealer remembers the shared key of. */
const SERVER_KEYS_REMEMBERED = 64;

/**
 * The client's side of the password protection: one X25519 key pair (drawn from the injected
 * `Random`), a cache of shared keys per server public key, and a counter that makes every nonce
 * unique. The nonce is (u32 magic, u64 login counter, 12 zero bytes): the counter alone never
 * repeats under this key pair; the magic ties the nonce to the connection's HANDSHAKE_ACK.
 */
export class PasswordSealer {
  /** The client's X25519 public key, sent in every LOGIN. */
  readonly publicKey: Uint8Array;
  readonly #keys: SharedKeyCache;
  #logins = 0;

  constructor(random: Random) {
    const pair = nacl.box.keyPair.fromSecretKey(random.bytes(nacl.box.secretKeyLength));
    this.publicKey = pair.publicKey;
    this.#keys = new SharedKeyCache(pair.secretKey, SERVER_KEYS_REMEMBERED);
  }

  /** X25519 key agreements so far: one per distinct server key, however many logins. */
  get keyAgreements(): number {
    return this.#keys.agreements;
  }

  /** Auth data (`AuthType.x25519Box`) carrying (magic, password) sealed for `serverKey`. */
  seal(serverKey: Uint8Array, magic: number, password: string): Uint8Array {
    const shared = this.#keys.sharedKey(serverKey);
    const count = ++this.#logins;
    const nonce = new Uint8Array(NONCE_BYTES);
    const view = new DataView(nonce.buffer);
    view.setUint32(0, magic >>> 0);
    view.setUint32(4, Math.floor(count / 0x1_0000_0000));
    view.setUint32(8, count >>> 0);
    const plain = new Uint8Array(MAGIC_BYTES + password.length * 3);
    new DataView(plain.buffer).setUint32(0, magic >>> 0);
    const written = encoder.encodeInto(password, plain.subarray(MAGIC_BYTES)).written;
    const box = nacl.box.after(plain.subarray(0, MAGIC_BYTES + written), nonce, shared);
    plain.fill(0);
    return encodeAuthData(this.publicKey, nonce, box);
  }
}
