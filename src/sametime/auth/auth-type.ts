/**
 * The u16 auth types of a LOGIN, as the protocol numbers them. Real clients send `rc2_128`
 * (Diffie-Hellman + RC2 under a 128-bit key, 0x0004) when the server's HANDSHAKE_ACK carries a
 * 64-byte Diffie-Hellman key, and `rc2_40` (RC2 under 5 random key bytes, 0x0002) otherwise.
 */
export const AuthType = {
  /** The password in the clear. */
  plain: 0x0000,
  /** A token from an earlier login instead of a password. */
  token: 0x0001,
  /** The password under RC2 with a random 40-bit key sent along. */
  rc2_40: 0x0002,
  /** The password under RC2 with a 128-bit key both sides derive by Diffie-Hellman. */
  rc2_128: 0x0004,
} as const;

/** The auth types this library's client and server speak. */
export type PasswordAuthType = typeof AuthType.rc2_40 | typeof AuthType.rc2_128;

/** A stable name for an auth type, as traces and logs carry it. */
export function authTypeName(authType: number): string {
  if (authType === AuthType.rc2_128) return 'dh-rc2-128';
  if (authType === AuthType.rc2_40) return 'rc2-40';
  if (authType === AuthType.plain) return 'plain';
  if (authType === AuthType.token) return 'token';
  return `0x${authType.toString(16).padStart(4, '0')}`;
}
