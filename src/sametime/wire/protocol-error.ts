import { BesError } from '../../errors.js';

/** Why bytes could not be decoded, or a message encoded: the `code` of a `SametimeProtocolError`. */
export type SametimeProtocolErrorCode =
  /** Fewer bytes than a field, a message or a frame needs. */
  | 'truncated'
  /** A frame length over the receiver's limit, or a string over 65,535 bytes. */
  | 'too-large'
  /** A message type code that is not in the Sametime type table, given to the writer. */
  | 'unknown-type'
  /** A string whose bytes are not valid UTF-8. */
  | 'bad-string'
  /** Bytes left over after a message or a block that should have ended. */
  | 'trailing-bytes'
  /** Header option bits other than 0x8000 (attributes) and 0x4000 (encrypted). */
  | 'bad-options'
  /** A field out of its range: a u16 over 0xffff, a wrong auth-data version or key size. */
  | 'bad-value';

/**
 * Bytes that are not a well-formed Sametime frame or message, or a message that cannot be encoded.
 * The only error the codec throws. Its message names sizes and offsets, never field contents.
 */
export class SametimeProtocolError extends BesError {
  override readonly name = 'SametimeProtocolError';
  /** What was wrong with the bytes or the message. */
  readonly code: SametimeProtocolErrorCode;

  constructor(code: SametimeProtocolErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
