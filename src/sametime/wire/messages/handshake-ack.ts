import type { MessageBase } from '../header.js';
import { isKeyExchangeVersion, readsKeyExchange } from '../version.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** What a 0x1e/0x1d (or newer) HANDSHAKE_ACK adds: the magic and the server's key-exchange public key. */
export interface HandshakeKeyExchange {
  /** A per-connection u32 the client seals together with the password. */
  readonly magic: number;
  /** The server's Diffie-Hellman public value, unsigned big-endian: 64 bytes for DH-RC2/128, shorter or empty for RC2/40. */
  readonly serverKey: Uint8Array;
}

/** Server -> client, the answer to HANDSHAKE. */
export interface HandshakeAck extends MessageBase {
  /** Which message this is. */
  readonly type: 'HANDSHAKE_ACK';
  /** The server's protocol major version. */
  readonly major: number;
  /** The server's protocol minor version. */
  readonly minor: number;
  /** The client's address as the server sees it. */
  readonly clientAddress: number;
  /**
   * Written exactly when the version is 0x1e/0x1d or newer; read, as real clients read it, from
   * 0x1e/0x19 on when bytes follow the address.
   */
  readonly keyExchange?: HandshakeKeyExchange;
}

export function writeHandshakeAck(w: WireWriter, m: HandshakeAck): void {
  w.u16(m.major).u16(m.minor).u32(m.clientAddress);
  if (!isKeyExchangeVersion(m.major, m.minor)) return;
  const kx = m.keyExchange ?? { magic: 0, serverKey: new Uint8Array(0) };
  w.u32(kx.magic).opaque(kx.serverKey);
}

export function readHandshakeAck(r: WireReader, channel: number): HandshakeAck {
  const major = r.u16();
  const minor = r.u16();
  const clientAddress = r.u32();
  if (!readsKeyExchange(major, minor) || r.remaining === 0)
    return { type: 'HANDSHAKE_ACK', channel, major, minor, clientAddress };
  const magic = r.u32();
  const serverKey = r.opaque();
  return { type: 'HANDSHAKE_ACK', channel, major, minor, clientAddress, keyExchange: { magic, serverKey } };
}
