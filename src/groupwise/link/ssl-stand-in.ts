import { FrameError } from '../../crypto/frame-error.js';
import { FRAME_HEADER_BYTES } from '../../crypto/frame-header.js';
import { FrameKind } from '../../crypto/frame-kind.js';
import { linkIdFor } from '../../crypto/link-id.js';
import type { PayloadCompressor } from '../../crypto/compression.js';
import { SealedLink } from '../../crypto/sealed-link.js';
import type { Random } from '../../random/seeded-random.js';
import type { LinkListener, SametimeLink } from '../../sametime/link/sametime-link.js';
import { STAND_IN_PUBLIC_BYTES, type StandInKeyPair } from './stand-in-key.js';

/** What the stand-in is, for traces: not TLS, a deterministic model of an encrypted proxy connection. */
export const SSL_STAND_IN = 'ssl stand-in';

const MAGIC = [0x53, 0x53, 0x4c, 0x7e]; // "SSL~"
const SALT_BYTES = 16;
/** Magic, public value, salt: what each end sends first. */
export const STAND_IN_HELLO_BYTES = MAGIC.length + STAND_IN_PUBLIC_BYTES + SALT_BYTES;
/** Plaintext per sealed record, as TLS cuts its records. */
const RECORD_BYTES = 16 * 1024;
const MAX_RECORD_BODY = RECORD_BYTES + 64;

/** Records carry the protocol's own bytes: nothing to gain from deflate, so none. */
const stored: PayloadCompressor = {
  compress: (payload) => payload,
  decompress(compressed, cap) {
    if (compressed.length > cap)
      throw new FrameError('decompressed-too-large', `a record of ${compressed.length} bytes is over ${cap}`);
    return compressed;
  },
};

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * The SSL proxy connection, as simulations model it: one end of a byte link wrapped in the
 * library's sealed link. Each end first sends a hello (magic, its X25519 public value, 16 salt bytes
 * from the seeded generator); the key is the X25519 agreement of the two values, and the link id is
 * derived from both salts, so every connection has nonces of its own. Then every write goes as
 * sealed records (XSalsa20-Poly1305, numbered, replays rejected). A hello or record that does not
 * open ends the connection, as a TLS alert would. Deterministic: same seed, same bytes. It is a
 * stand-in, not TLS: no certificates, and no protection for a seed anyone knows.
 */
export class SslStandInLink implements SametimeLink, LinkListener {
  readonly #inner: SametimeLink;
  readonly #role: 'client' | 'server';
  readonly #keys: StandInKeyPair;
  readonly #salt: Uint8Array;
  #sealed: SealedLink | undefined;
  #listener: LinkListener | undefined;
  #early: Uint8Array[] = [];
  #earlyClosed = false;
  #queued: Uint8Array[] = [];
  #held = new Uint8Array(0);
  #failed = false;

  constructor(inner: SametimeLink, role: 'client' | 'server', keys: StandInKeyPair, random: Random) {
    this.#inner = inner;
    this.#role = role;
    this.#keys = keys;
    this.#salt = random.bytes(SALT_BYTES);
    if (role === 'client') this.#sendHello();
    inner.listen(this);
  }

  get id(): string {
    return this.#inner.id;
  }

  get pin(): string | undefined {
    return this.#inner.pin;
  }

  get open(): boolean {
    return this.#inner.open && !this.#failed;
  }

  write(bytes: Uint8Array): void {
    if (!this.open) return;
    const sealed = this.#sealed;
    if (sealed === undefined) {
      this.#queued.push(bytes);
      return;
    }
    for (let at = 0; at < bytes.length; at += RECORD_BYTES) {
      this.#inner.write(
        sealed.seal(
          this.#role === 'client' ? FrameKind.statusUpdate : FrameKind.statusReply,
          bytes.subarray(at, at + RECORD_BYTES),
        ),
      );
    }
  }

  close(): void {
    this.#listener = undefined;
    this.#inner.close();
  }

  listen(listener: LinkListener): void {
    this.#listener = listener;
    const early = this.#early;
    this.#early = [];
    for (const bytes of early) listener.data(bytes);
    if (this.#earlyClosed) listener.closed();
  }

  /** Ciphertext from the peer. */
  data(bytes: Uint8Array): void {
    if (this.#failed) return;
    const held = new Uint8Array(this.#held.length + bytes.length);
    held.set(this.#held);
    held.set(bytes, this.#held.length);
    let at = 0;
    try {
      if (this.#sealed === undefined) {
        if (held.length < STAND_IN_HELLO_BYTES) {
          this.#held = held;
          return;
        }
        this.#onHello(held.subarray(0, STAND_IN_HELLO_BYTES));
        at = STAND_IN_HELLO_BYTES;
      }
      const sealed = this.#sealed!;
      while (held.length - at >= FRAME_HEADER_BYTES) {
        const body = ((held[at + 8]! << 24) | (held[at + 9]! << 16) | (held[at + 10]! << 8) | held[at + 11]!) >>> 0;
        if (body > MAX_RECORD_BODY) throw new FrameError('too-large', `a record body of ${body} bytes`);
        const end = at + FRAME_HEADER_BYTES + body;
        if (end > held.length) break;
        const { payload } = sealed.open(held.subarray(at, end));
        at = end;
        this.#deliver(payload);
      }
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      return this.#fail();
    }
    this.#held = held.slice(at);
  }

  /** The peer closed the connection. */
  closed(): void {
    const listener = this.#listener;
    if (listener === undefined) this.#earlyClosed = true;
    else listener.closed();
  }

  #sendHello(): void {
    const hello = new Uint8Array(STAND_IN_HELLO_BYTES);
    hello.set(MAGIC, 0);
    hello.set(this.#keys.publicKey, MAGIC.length);
    hello.set(this.#salt, MAGIC.length + STAND_IN_PUBLIC_BYTES);
    this.#inner.write(hello);
  }

  #onHello(hello: Uint8Array): void {
    for (let i = 0; i < MAGIC.length; i++)
      if (hello[i] !== MAGIC[i]) throw new FrameError('bad-version', 'the peer did not begin with the stand-in hello');
    const peerPublic = hello.slice(MAGIC.length, MAGIC.length + STAND_IN_PUBLIC_BYTES);
    const peerSalt = hello.subarray(MAGIC.length + STAND_IN_PUBLIC_BYTES);
    if (this.#role === 'server') this.#sendHello();
    const [clientSalt, serverSalt] = this.#role === 'client' ? [this.#salt, peerSalt] : [peerSalt, this.#salt];
    this.#sealed = new SealedLink({
      key: this.#keys.keyWith(peerPublic),
      linkId: linkIdFor(`ssl-stand-in/${hex(clientSalt)}/${hex(serverSalt)}`),
      sends: this.#role === 'client' ? 'uplink' : 'downlink',
      compressor: stored,
    });
    const queued = this.#queued;
    this.#queued = [];
    for (const bytes of queued) this.write(bytes);
  }

  #deliver(payload: Uint8Array): void {
    const listener = this.#listener;
    if (listener === undefined) this.#early.push(payload);
    else listener.data(payload);
  }

  /** A hello or record that does not open: the connection is over, as after a TLS alert. */
  #fail(): void {
    this.#failed = true;
    this.#inner.close();
    this.closed();
  }
}
