import type { MessageBase } from '../header.js';

/**
 * A message whose type code is not in the Sametime table. The reader keeps it (the frame's length
 * says where the next one starts) so that a live session can skip it; the writer refuses it.
 */
export interface UnknownMessage extends MessageBase {
  /** Which message this is: one with a type code not in the table. */
  readonly type: 'unknown';
  /** The wire type code, not one of `MessageType`. */
  readonly code: number;
  /** The header's option bits. */
  readonly options: number;
  /** The message body after the header. */
  readonly body: Uint8Array;
}
