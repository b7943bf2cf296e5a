import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** Server -> client on a live session: an administrator's broadcast text. It does not end the session. */
export interface Admin extends MessageBase {
  /** Which message this is. */
  readonly type: 'ADMIN';
  /** The administrator's text. */
  readonly text: string;
}

export function writeAdmin(w: WireWriter, m: Admin): void {
  w.string(m.text);
}

export function readAdmin(r: WireReader, channel: number): Admin {
  return { type: 'ADMIN', channel, text: r.string() };
}
