import nacl from 'tweetnacl';
import type { Random } from '../../random/seeded-random.js';
import { encodeAuthData, MAGIC_BYTES, NONCE_BYTES } from './auth-data.js';
import { SharedKeyCache } from './shared-key-cache.js';
import { writeU32 } from '../../crypto/big-endian.js';

const encoder = new TextEncoder();

/** (u32 magic, the password's UTF-8), exactly as long as that. */
function plaintext(magic: number, password: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < password.length && ascii; i++) ascii = password.charCodeAt(i) < 0x80;
  if (!ascii) {
    const utf8 = encoder.encode(password);
    const plain = new Uint8Array(MAGIC_BYTES + utf8.length);
    plain.set(utf8, MAGIC_BYTES);
    utf8.fill(0);
    writeU32(plain, 0, magic);
    return plain;
  }
  const plain = new Uint8Array(MAGIC_BYTES + password.length);
  for (let i = 0; i < password.length; i++) plain[MAGIC_BYTES + i] = password.charCodeAt(i);
  writeU32(plain, 0, magic);
  return plain;
}

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
    // Bytes written by hand: a DataView or a subarray of a small array makes V8 move it off its heap.
    const nonce = new Uint8Array(NONCE_BYTES);
    writeU32(nonce, 0, magic);
    writeU32(nonce, 4, Math.floor(count / 0x1_0000_0000));
    writeU32(nonce, 8, count);
    const plain = plaintext(magic, password);
    const box = nacl.box.after(plain, nonce, shared);
    plain.fill(0);
    return encodeAuthData(this.publicKey, nonce, box);
  }
}
