import nacl from 'tweetnacl';

/**
 * The NaCl box shared keys one X25519 key pair has agreed with its peers, so the costly X25519
 * step (`nacl.box.before`) runs once per peer key rather than once per login. Bounded: past
 * `limit` peers the oldest is forgotten.
 */
export class SharedKeyCache {
  readonly #secretKey: Uint8Array;
  readonly #limit: number;
  readonly #keys = new Map<string, Uint8Array>();
  #agreements = 0;

  constructor(secretKey: Uint8Array, limit: number) {
    this.#secretKey = secretKey;
    this.#limit = limit;
  }

  /** How many X25519 key agreements have run (cache misses). */
  get agreements(): number {
    return this.#agreements;
  }

  /** The shared key with `peerKey`, agreed on first use. */
  sharedKey(peerKey: Uint8Array): Uint8Array {
    const id = Buffer.from(peerKey.buffer, peerKey.byteOffset, peerKey.byteLength).toString('latin1');
    const known = this.#keys.get(id);
    if (known !== undefined) return known;
    const key = nacl.box.before(peerKey, this.#secretKey);
    this.#agreements++;
    if (this.#keys.size >= this.#limit) {
      const oldest = this.#keys.keys().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
    this.#keys.set(id, key);
    return key;
  }
}
