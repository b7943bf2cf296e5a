import { BesError } from '../errors.js';

/** Why a sealed frame could not be built or opened: the `code` of a `FrameError`. */
export type FrameErrorCode =
  /** Shorter than its header, or than the body length the header declares. */
  | 'truncated'
  /** Bytes after the body the header declares. */
  | 'trailing-bytes'
  | 'bad-version'
  | 'bad-kind'
  | 'bad-flags'
  | 'bad-direction'
  /** A body or payload over the 64 KB BES packet limit. */
  | 'too-large'
  /** A frame that arrived unsealed on a link that only takes sealed frames. */
  | 'not-encrypted'
  /** A wrong key, or any tampered byte. */
  | 'authentication-failed'
  /** A sequence number at or below the last one accepted on the link (replay or reordering). */
  | 'replayed'
  /** A frame travelling the wrong way on the link (a receiver's own frames sent back to it). */
  | 'wrong-direction'
  /** A payload that inflates past the 64 KB cap. */
  | 'decompressed-too-large'
  /** A payload that authenticates but does not inflate. */
  | 'corrupt-payload'
  /** The link has sealed 2^32 - 1 frames; a new transport key is needed. */
  | 'sequence-exhausted';

/** A sealed frame that cannot be built or opened. Never carries key or payload bytes. */
export class FrameError extends BesError {
  override readonly name = 'FrameError';
  /** What was wrong with the frame. */
  readonly code: FrameErrorCode;

  constructor(code: FrameErrorCode, message: string, options: { hop?: string } = {}) {
    super(message, options);
    this.code = code;
  }
}
