/** A Sametime protocol version, as HANDSHAKE and HANDSHAKE_ACK carry it. */
export interface ProtocolVersion {
  /** The major version (u16). */
  readonly major: number;
  /** The minor version (u16). */
  readonly minor: number;
}

/** The version a common client speaks, and the one this library's client and server use. */
export const CLIENT_VERSION: ProtocolVersion = { major: 0x001e, minor: 0x001d };

/**
 * Whether a version is 0x1e/0x1d or newer: such a HANDSHAKE carries the local host block and such a
 * HANDSHAKE_ACK carries the magic and the server's key-exchange public key.
 */
export function isKeyExchangeVersion(major: number, minor: number): boolean {
  return major > CLIENT_VERSION.major || (major === CLIENT_VERSION.major && minor >= CLIENT_VERSION.minor);
}

/**
 * Whether a HANDSHAKE_ACK of this version may carry the magic and the server's key: from 0x1e/0x19
 * on, as the open-source client library reads it (it asks for minor > 0x18).
 */
export function readsKeyExchange(major: number, minor: number): boolean {
  return major > CLIENT_VERSION.major || (major === CLIENT_VERSION.major && minor > 0x18);
}
