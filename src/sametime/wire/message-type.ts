/** The Sametime message type codes (the u16 `type` of every message header). */
export const MessageType = {
  HANDSHAKE: 0x0000,
  HANDSHAKE_ACK: 0x8000,
  LOGIN: 0x0001,
  LOGIN_ACK: 0x8001,
  CHANNEL_CREATE: 0x0002,
  CHANNEL_DESTROY: 0x0003,
  CHANNEL_SEND: 0x0004,
  CHANNEL_ACCEPT: 0x0006,
  SET_USER_STATUS: 0x0009,
  SET_PRIVACY_LIST: 0x000b,
  SENSE_SERVICE: 0x0011,
  LOGIN_CONTINUE: 0x0016,
  LOGIN_REDIRECT: 0x0018,
  ADMIN: 0x0019,
  ANNOUNCE: 0x0022,
  HANDSHAKE_SYN: 0x0025,
} as const;

export type MessageTypeName = keyof typeof MessageType;

const names = new Map<number, MessageTypeName>(
  (Object.entries(MessageType) as [MessageTypeName, number][]).map(([name, code]) => [code, name]),
);

/** The name of a message type code, or `undefined` when the code is not in the table. */
export function messageTypeName(code: number): MessageTypeName | undefined {
  return names.get(code);
}
