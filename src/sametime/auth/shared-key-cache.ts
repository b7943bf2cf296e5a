import type { DhKeyPair } from './diffie-hellman.js';
import { expandRc2Key, type Rc2Key } from './rc2.js';

/** Bytes of the RC2 key DH-RC2/128 takes from the end of the shared secret. */
export const DH_RC2_KEY_BYTES = 16;

/** The RC2 key auth type 0x0004 uses with a shared secret: its last 16 bytes, expanded. */
export function rc2KeyFromSharedSecret(secret: Uint8Array): Rc2Key {
  return expandRc2Key(secret.subarray(Math.max(0, secret.length - DH_RC2_KEY_BYTES)));
}

/**
 * The expanded RC2 keys one Diffie-Hellman key pair has agreed with its peers, so the costly
 * modular exponentiation runs once per peer key rather than once per login. Bounded: past `limit`
 * peers the oldest is forgotten.
 */
export class SharedKeyCache {
  readonly #pair: DhKeyPair;
  readonly #limit: number;
  readonly #keys = new Map<string, Rc2Key>();
  #agreements = 0;
  /** The peer key last asked for, and its RC2 key: one adapter talks to one server, and back. */
  #lastPeer: Uint8Array | undefined;
  #lastKey: Rc2Key | undefined;

  constructor(pair: DhKeyPair, limit: number) {
    this.#pair = pair;
    this.#limit = limit;
  }

  /** Key agreements run so far (cache misses with a valid peer key). */
  get agreements(): number {
    return this.#agreements;
  }

  /** The RC2 key agreed with `peerKey`, agreed on first use; `undefined` for a peer value out of range. */
  keyFor(peerKey: Uint8Array): Rc2Key | undefined {
    // Fast path, comparing bytes rather than building the map's string key once per login.
    const last = this.#lastPeer;
    if (last !== undefined && last.length === peerKey.length) {
      let same = true;
      for (let i = 0; i < last.length && same; i++) same = last[i] === peerKey[i];
      if (same) return this.#lastKey;
    }
    const key = this.#agreed(peerKey);
    if (key !== undefined) {
      this.#lastPeer = peerKey.slice();
      this.#lastKey = key;
    }
    return key;
  }

  #agreed(peerKey: Uint8Array): Rc2Key | undefined {
    const id = Buffer.from(peerKey.buffer, peerKey.byteOffset, peerKey.byteLength).toString('latin1');
    const known = this.#keys.get(id);
    if (known !== undefined) return known;
    const secret = this.#pair.sharedSecret(peerKey);
    if (secret === undefined) return undefined;
    const key = rc2KeyFromSharedSecret(secret);
    secret.fill(0);
    this.#agreements++;
    if (this.#keys.size >= this.#limit) {
      const oldest = this.#keys.keys().next();
      if (oldest.done !== true) this.#keys.delete(oldest.value);
    }
    this.#keys.set(id, key);
    return key;
  }
}
