/** The Sametime message type codes (the u16 `type` of every message header). */
export const MessageType = {
  /** Client -> server, first on a connection: the client's protocol version, login type and host. */
  HANDSHAKE: 0x0000,
  /**
   * Server -> client: the server's version and the client's address, with the server's Diffie-Hellman key in
   * newer versions.
   */
  HANDSHAKE_ACK: 0x8000,
  /** Client -> server: the user id and the sealed password, under an auth type. */
  LOGIN: 0x0001,
  /** Server -> client: the login succeeded; carries the login-info, privacy and user-status blocks. */
  LOGIN_ACK: 0x8001,
  /** Opens a channel to a service inside a session (not modelled: carried as an opaque message). */
  CHANNEL_CREATE: 0x0002,
  /** Closes a channel with a u32 reason code; on channel 0 it refuses a login or ends the session, from either side. */
  CHANNEL_DESTROY: 0x0003,
  /** Sends data on an open channel (not modelled: carried as an opaque message). */
  CHANNEL_SEND: 0x0004,
  /** Accepts a channel the other side created (not modelled: carried as an opaque message). */
  CHANNEL_ACCEPT: 0x0006,
  /** Client -> server on a live session: the user's new status (the device's presence). */
  SET_USER_STATUS: 0x0009,
  /** Client -> server: who may see the user (not modelled: carried as an opaque message). */
  SET_PRIVACY_LIST: 0x000b,
  /** Asks whether the server runs a service; the server answers with the same message when it does. */
  SENSE_SERVICE: 0x0011,
  /** A further step of a login that needs more than one (not modelled: carried as an opaque message). */
  LOGIN_CONTINUE: 0x0016,
  /** Server -> client instead of LOGIN_ACK: log in to another server (host and server id). */
  LOGIN_REDIRECT: 0x0018,
  /** Server -> client on a live session: an administrator's broadcast text. */
  ADMIN: 0x0019,
  /** A user's one-way text to users or groups, relayed by the server. */
  ANNOUNCE: 0x0022,
  /** A handshake variant some servers send (not modelled: carried as an opaque message). */
  HANDSHAKE_SYN: 0x0025,
} as const;

/** The name of a Sametime message type, as traces and decoded messages carry it. */
export type MessageTypeName = keyof typeof MessageType;

const names = new Map<number, MessageTypeName>(
  (Object.entries(MessageType) as [MessageTypeName, number][]).map(([name, code]) => [code, name]),
);

/** The name of a message type code, or `undefined` when the code is not in the table. */
export function messageTypeName(code: number): MessageTypeName | undefined {
  return names.get(code);
}
