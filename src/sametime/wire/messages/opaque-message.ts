import type { MessageBase } from '../header.js';

/**
 * A message whose body this library does not take apart: a type it does not model (CHANNEL_CREATE,
 * CHANNEL_SEND, ...) or any message with the encrypted option set. The body is kept as bytes.
 */
export interface OpaqueMessage extends MessageBase {
  /** Which message this is: one whose body is kept as bytes. */
  readonly type: 'opaque';
  /** The wire type code; always one of `MessageType`. */
  readonly code: number;
  /** Whether the header's 0x4000 (encrypted) option is set. */
  readonly encrypted: boolean;
  /** The message body after the header, not taken apart. */
  readonly body: Uint8Array;
}
