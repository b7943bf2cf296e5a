import nacl from 'tweetnacl';
import type { Random } from '../random/seeded-random.js';

/** Reads a key's bytes: set once, in the class's static block, since only the class sees `#bytes`. */
let bytesOf: (key: TransportKey) => Uint8Array;
const redacted = 'TransportKey(redacted)';

/**
 * A device transport key: the 32-byte secret shared by one device and its BES, never by the router.
 * It prints, inspects and serialises as `TransportKey(redacted)`, so it cannot reach a trace or a log.
 */
export class TransportKey {
  // A private field, not a WeakMap beside the class: a million keys in a WeakMap cost the GC dearly.
  readonly #bytes: Uint8Array;
  #fingerprint: string | undefined;

  static {
    bytesOf = (key) => {
      if (!(typeof key === 'object' && key !== null && #bytes in key)) throw new TypeError('not a TransportKey');
      return key.#bytes;
    };
  }

  private constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /**
   * A short, non-secret fingerprint (first bytes of the key's SHA-512) to tell keys apart in traces.
   * Computed when first read: a million activations need not hash a million keys nobody prints.
   */
  get fingerprint(): string {
    this.#fingerprint ??= Buffer.from(nacl.hash(transportKeyBytes(this)).subarray(0, 4)).toString('hex');
    return this.#fingerprint;
  }

  /** A key from 32 bytes (copied). */
  static fromBytes(bytes: Uint8Array): TransportKey {
    if (bytes.length !== nacl.secretbox.keyLength) {
      throw new RangeError(`a transport key is ${nacl.secretbox.keyLength} bytes, got ${bytes.length}`);
    }
    return new TransportKey(Uint8Array.from(bytes));
  }

  /** A fresh key drawn from a seeded generator. */
  static generate(random: Random): TransportKey {
    return new TransportKey(random.bytes(nacl.secretbox.keyLength));
  }

  /** Whether two keys hold the same bytes (constant time). */
  equals(other: TransportKey): boolean {
    return nacl.verify(transportKeyBytes(this), transportKeyBytes(other));
  }

  /** `TransportKey(redacted)`: the key's bytes never reach a log. */
  toString(): string {
    return redacted;
  }

  /** `TransportKey(redacted)`: the key's bytes never reach a JSON document. */
  toJSON(): string {
    return redacted;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return redacted;
  }
}

/** The key's bytes, for the sealing code only: not exported from the package. */
export function transportKeyBytes(key: TransportKey): Uint8Array {
  return bytesOf(key);
}
