import { readLoginInfo, writeLoginInfo, type LoginInfoBlock } from '../blocks.js';
import type { MessageBase } from '../header.js';
import { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/**
 * An announcement: a user's one-way text to users or groups, relayed by the server. From a client
 * it names the recipients; to a client it names the sender. It does not end the session.
 */
export interface Announce extends MessageBase {
  /** Which message this is. */
  readonly type: 'ANNOUNCE';
  /** Who sent it, when the server says (boolean present, then a login-info block). */
  readonly sender?: LoginInfoBlock;
  /** A u16 before the text, 0 from every known peer. */
  readonly reserved: number;
  /** Whether the recipients may reply. */
  readonly mayReply: boolean;
  /** The announcement's text. */
  readonly text: string;
  /** `@U user` or `@G group` per recipient; a u32 count and strings on the wire. */
  readonly recipients: readonly string[];
}

/** The fewest bytes one recipient takes: an empty string. */
const MIN_RECIPIENT_BYTES = 2;

/**
 * boolean sender present, [login info], u16, then an opaque holding (boolean may reply, string
 * text), then u32 recipient count and the recipients as strings.
 */
export function writeAnnounce(w: WireWriter, m: Announce): void {
  w.boolean(m.sender !== undefined);
  if (m.sender !== undefined) writeLoginInfo(w, m.sender);
  w.u16(m.reserved);
  const at = w.reserveU32();
  w.boolean(m.mayReply).string(m.text);
  w.patchU32(at, w.length - at - 4);
  w.u32(m.recipients.length);
  for (const recipient of m.recipients) w.string(recipient);
}

/** Liberal: bytes after the text inside the opaque are ignored; an announcement that ends there has no recipients. */
export function readAnnounce(r: WireReader, channel: number): Announce {
  const sender = r.boolean() ? readLoginInfo(r) : undefined;
  const reserved = r.u16();
  const inner = new WireReader(r.opaque());
  const mayReply = inner.boolean();
  const text = inner.string();
  const recipients: string[] = [];
  if (r.remaining > 0) {
    const count = r.u32();
    // A count the remaining bytes cannot hold is rejected before anything is built for it.
    if (count > r.remaining / MIN_RECIPIENT_BYTES) r.bytes(count * MIN_RECIPIENT_BYTES, `${count} recipients`);
    for (let i = 0; i < count; i++) recipients.push(r.string());
  }
  return sender === undefined
    ? { type: 'ANNOUNCE', channel, reserved, mayReply, text, recipients }
    : { type: 'ANNOUNCE', channel, reserved, mayReply, text, recipients, sender };
}
