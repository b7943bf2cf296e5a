import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/**
 * Either way: closes a channel. On channel 0 it refuses a login (server -> client) or ends the
 * session (from either side).
 */
export interface ChannelDestroy extends MessageBase {
  /** Which message this is. */
  readonly type: 'CHANNEL_DESTROY';
  /** A `ReasonCode` (u32). */
  readonly reason: number;
  /** The bytes after the reason (an opaque; usually empty). */
  readonly data: Uint8Array;
}

export function writeChannelDestroy(w: WireWriter, m: ChannelDestroy): void {
  w.u32(m.reason).opaque(m.data);
}

export function readChannelDestroy(r: WireReader, channel: number): ChannelDestroy {
  const reason = r.u32();
  const data = r.opaque();
  return { type: 'CHANNEL_DESTROY', channel, reason, data };
}
