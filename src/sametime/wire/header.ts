/** Header option: an attribute block (u32 length + bytes) follows the header. */
export const OPTION_ATTRIBUTES = 0x8000;
/** Header option: the message body is encrypted. */
export const OPTION_ENCRYPTED = 0x4000;
/** Bytes in a message header: u16 type, u16 options, u32 channel id. */
export const HEADER_BYTES = 8;
/** The master channel: logins and session-wide messages travel on channel 0. */
export const MASTER_CHANNEL = 0;

/** What every message carries in its header besides the type. */
export interface MessageBase {
  /** The channel id (0 = master channel). */
  readonly channel: number;
  /** The attribute block, when the header's 0x8000 option is set. */
  readonly attributes?: Uint8Array;
}
