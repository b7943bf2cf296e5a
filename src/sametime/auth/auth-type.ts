/**
 * The u16 auth types of a LOGIN. The first four are the protocol's; `x25519Box` is this library's
 * own value, its stand-in for RC2/128 under Diffie-Hellman: the password is sealed with NaCl box
 * (X25519 + XSalsa20-Poly1305) under the server's key from HANDSHAKE_ACK. No real Sametime server
 * knows 0x1000.
 */
export const AuthType = {
  plain: 0x0000,
  token: 0x0001,
  rc2_40: 0x0002,
  rc2_128: 0x0004,
  x25519Box: 0x1000,
} as const;
