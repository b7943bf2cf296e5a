import type { MessageBase } from '../header.js';
import { isKeyExchangeVersion } from '../version.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** The block a 0x1e/0x1d (or newer) HANDSHAKE adds: u16 0x0100, u32 0, string local host name. */
export interface HandshakeLocalHost {
  /** u16, 0x0100 in every known client. */
  readonly marker: number;
  /** u32, 0 in every known client. */
  readonly reserved: number;
  /** The client computer's host name. */
  readonly localHost: string;
}

/** Client -> server, first message on a connection. */
export interface Handshake extends MessageBase {
  /** Which message this is. */
  readonly type: 'HANDSHAKE';
  /** The client's protocol major version. */
  readonly major: number;
  /** The client's protocol minor version. */
  readonly minor: number;
  /** The master channel id (0). */
  readonly masterChannel: number;
  /** The server-calculated address (0 from the client). */
  readonly serverAddress: number;
  /** The kind of client connecting (a `LoginType`). */
  readonly loginType: number;
  /** The client's own IPv4 address, as a u32. */
  readonly localAddress: number;
  /** Present exactly when the version is 0x1e/0x1d or newer. */
  readonly extension?: HandshakeLocalHost;
}

export const DEFAULT_LOCAL_HOST_MARKER = 0x0100;

export function writeHandshake(w: WireWriter, m: Handshake): void {
  w.u16(m.major).u16(m.minor).u32(m.masterChannel).u32(m.serverAddress).u16(m.loginType).u32(m.localAddress);
  if (!isKeyExchangeVersion(m.major, m.minor)) return;
  const ext = m.extension ?? { marker: DEFAULT_LOCAL_HOST_MARKER, reserved: 0, localHost: '' };
  w.u16(ext.marker).u32(ext.reserved).string(ext.localHost);
}

export function readHandshake(r: WireReader, channel: number): Handshake {
  const major = r.u16();
  const minor = r.u16();
  const masterChannel = r.u32();
  const serverAddress = r.u32();
  const loginType = r.u16();
  const localAddress = r.u32();
  if (!isKeyExchangeVersion(major, minor)) {
    return { type: 'HANDSHAKE', channel, major, minor, masterChannel, serverAddress, loginType, localAddress };
  }
  const marker = r.u16();
  const reserved = r.u32();
  const localHost = r.string();
  const extension = { marker, reserved, localHost };
  return { type: 'HANDSHAKE', channel, major, minor, masterChannel, serverAddress, loginType, localAddress, extension };
}
