import { BesError } from '../../errors.js';

/** What was wrong with the bytes or the message, as a `GroupWiseProtocolError` says. */
export type GroupWiseProtocolErrorCode =
  /** Fewer bytes than a field, a response or an event needs (a whole stream that stops short). */
  | 'truncated'
  /** A request, response or event over the receiver's limit, or a string over 32,768 bytes given to the writer. */
  | 'too-large'
  /** A request line that is not `POST /<command> HTTP/1.x`, or a response that does not begin with `HTTP`. */
  | 'bad-start'
  /** A request body that is not `&tag=..&cmd=..&val=..&type=..` fields, or a `%` not followed by two hex digits. */
  | 'bad-field'
  /** A field type the codec does not know (its value's length cannot be read). */
  | 'unknown-type'
  /** A server event type outside 101-121, or one whose data the codec cannot read. */
  | 'unknown-event'
  /** Arrays nested deeper than the codec's limit. */
  | 'too-deep'
  /** A value out of range: a method outside 0-16, a number outside u32, a tag that is not printable ASCII. */
  | 'bad-value'
  /** Bytes left over after a body that should have ended. */
  | 'trailing-bytes';

/**
 * Bytes that are not well-formed GroupWise Messenger client protocol, or a request or response that
 * cannot be encoded. The only error the codec throws. Its message names sizes, offsets and tags,
 * never field values (a credentials field is a password).
 */
export class GroupWiseProtocolError extends BesError {
  override readonly name = 'GroupWiseProtocolError';
  readonly code: GroupWiseProtocolErrorCode;

  constructor(code: GroupWiseProtocolErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
