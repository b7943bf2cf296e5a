import nacl from 'tweetnacl';
import type { Random } from '../../random/seeded-random.js';
import { TransportKey } from '../../crypto/transport-key.js';

/** The bytes of an X25519 public value. */
export const STAND_IN_PUBLIC_BYTES = 32;

/**
 * One end's X25519 key pair for the SSL stand-in, drawn from the seeded generator, and the keys it
 * has agreed with peers: one agreement per peer key, however many connections use it (as TLS session
 * resumption spares a full handshake). Each connection still gets nonces of its own (see the link).
 */
export class StandInKeyPair {
  /** The X25519 public value this end sends in its hello. */
  readonly publicKey: Uint8Array;
  readonly #secret: Uint8Array;
  readonly #agreed = new Map<string, TransportKey>();
  #agreements = 0;

  constructor(random: Random) {
    const pair = nacl.box.keyPair.fromSecretKey(random.bytes(nacl.box.secretKeyLength));
    this.publicKey = pair.publicKey;
    this.#secret = pair.secretKey;
  }

  /** Key agreements run so far: one per distinct peer key. */
  get agreements(): number {
    return this.#agreements;
  }

  /** The key shared with the holder of `peerPublic` (X25519, then HSalsa20, as NaCl's `box.before`). */
  keyWith(peerPublic: Uint8Array): TransportKey {
    const id = Buffer.from(peerPublic).toString('hex');
    let key = this.#agreed.get(id);
    if (key === undefined) {
      key = TransportKey.fromBytes(nacl.box.before(peerPublic, this.#secret));
      this.#agreements++;
      if (this.#agreed.size >= 1024) this.#agreed.clear();
      this.#agreed.set(id, key);
    }
    return key;
  }
}
