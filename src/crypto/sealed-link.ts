import type { PayloadCompressor } from './compression.js';
import { frameDeflate } from './compression.js';
import { FrameError } from './frame-error.js';
import { decodeFrameHeader, type Direction, type FrameHeader } from './frame-header.js';
import type { FrameKind } from './frame-kind.js';
import { openBody, sealFrame, type OpenedFrame } from './sealed-frame.js';
import type { TransportKey } from './transport-key.js';

/** What one end of a sealed link needs: the transport key, the link's id, its direction and a compressor. */
export interface SealedLinkOptions {
  /** The transport key both ends hold. */
  readonly key: TransportKey;
  /** The link's 16-byte id (see `linkIdFor`); both ends use the same one. */
  readonly linkId: Uint8Array;
  /** The direction this end sends in; it receives the other. */
  readonly sends: Direction;
  /** How payloads are compressed. Default `frameDeflate`. */
  readonly compressor?: PayloadCompressor;
}

/**
 * One end of a sealed link (device and BES, or the Dispatcher and a remote Collaboration Service):
 * numbers the frames it sends, and accepts only frames numbered above the last it accepted, so a
 * replayed or reordered frame is rejected. A rejected frame leaves the link exactly as it was.
 */
export class SealedLink {
  readonly #key: TransportKey;
  readonly #linkId: Uint8Array;
  readonly #sends: Direction;
  readonly #receives: Direction;
  readonly #compressor: PayloadCompressor;
  #sent = 0;
  #accepted = 0;

  constructor(options: SealedLinkOptions) {
    this.#key = options.key;
    this.#linkId = Uint8Array.from(options.linkId);
    this.#sends = options.sends;
    this.#receives = options.sends === 'uplink' ? 'downlink' : 'uplink';
    this.#compressor = options.compressor ?? frameDeflate;
  }

  /** The sequence number of the last frame sealed on this end. */
  get lastSent(): number {
    return this.#sent;
  }

  /** The sequence number of the last frame accepted on this end. */
  get lastAccepted(): number {
    return this.#accepted;
  }

  /**
   * Seals `payload` as the next frame this end sends; throws `FrameError('sequence-exhausted')` when the
   * numbers run out.
   */
  seal(kind: FrameKind, payload: Uint8Array): Uint8Array {
    if (this.#sent >= 0xffff_ffff) {
      throw new FrameError('sequence-exhausted', 'this link has sealed 2^32 - 1 frames; renew the transport key');
    }
    const frame = sealFrame(
      this.#key,
      { linkId: this.#linkId, direction: this.#sends, sequence: this.#sent + 1, kind },
      payload,
      this.#compressor,
    );
    this.#sent++;
    return frame;
  }

  /** Checks a frame's header and sequence without opening it: what a receiver does before decrypting. */
  check(frame: Uint8Array): FrameHeader {
    const header = decodeFrameHeader(frame);
    if (header.direction !== this.#receives) {
      throw new FrameError('wrong-direction', `this end receives ${this.#receives} frames, got ${header.direction}`);
    }
    if (header.sequence <= this.#accepted) {
      throw new FrameError(
        'replayed',
        `sequence ${header.sequence} is at or below the last accepted (${this.#accepted})`,
      );
    }
    return header;
  }

  /**
   * Opens a frame the other end sent, accepting only one numbered above the last accepted; throws
   * `FrameError` otherwise.
   */
  open(frame: Uint8Array): OpenedFrame {
    const header = this.check(frame);
    const payload = openBody(this.#key, this.#linkId, frame, header, this.#compressor);
    this.#accepted = header.sequence;
    return { header, payload };
  }
}
