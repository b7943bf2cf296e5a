import fc from 'fast-check';
import { MessageType, type SametimeMessage } from '../../src/sametime/index.js';

const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffff_ffff });
const text = fc.string({ maxLength: 24, unit: 'grapheme' });
const bytes = fc.uint8Array({ maxLength: 40 });

/** Header fields every message has; the attribute block only sometimes. */
const base = fc.record({ channel: u32, attributes: bytes }, { requiredKeys: ['channel'] });

const newVersion = fc.constantFrom(
  { major: 0x1e, minor: 0x1d },
  { major: 0x1e, minor: 0x20 },
  { major: 0x1f, minor: 0 },
);
const oldVersion = fc.constantFrom({ major: 0x1e, minor: 0x1c }, { major: 0x0001, minor: 0x0005 });

const handshake = fc.oneof(
  fc
    .tuple(base, newVersion, u32, u32, u16, u32, fc.record({ marker: u16, reserved: u32, localHost: text }))
    .map(([b, v, masterChannel, serverAddress, loginType, localAddress, extension]) => ({
      ...b,
      type: 'HANDSHAKE' as const,
      ...v,
      masterChannel,
      serverAddress,
      loginType,
      localAddress,
      extension,
    })),
  fc
    .tuple(base, oldVersion, u32, u32, u16, u32)
    .map(([b, v, masterChannel, serverAddress, loginType, localAddress]) => ({
      ...b,
      type: 'HANDSHAKE' as const,
      ...v,
      masterChannel,
      serverAddress,
      loginType,
      localAddress,
    })),
);

const handshakeAck = fc.oneof(
  fc.tuple(base, newVersion, u32, u32, bytes).map(([b, v, clientAddress, magic, serverKey]) => ({
    ...b,
    type: 'HANDSHAKE_ACK' as const,
    ...v,
    clientAddress,
    keyExchange: { magic, serverKey },
  })),
  fc
    .tuple(base, oldVersion, u32)
    .map(([b, v, clientAddress]) => ({ ...b, type: 'HANDSHAKE_ACK' as const, ...v, clientAddress })),
);

const login = fc.tuple(base, u16, text, bytes, u16).map(([b, loginType, userId, authData, authType]) => ({
  ...b,
  type: 'LOGIN' as const,
  loginType,
  userId,
  authData,
  authType,
}));

const loginInfo = fc.record(
  {
    loginId: text,
    loginType: u16,
    userId: text,
    userName: text,
    community: text,
    full: fc.record({ description: text, address: u32, serverId: text }),
  },
  { requiredKeys: ['loginId', 'loginType', 'userId', 'userName', 'community'] },
);
const privacy = fc.record({
  deny: fc.boolean(),
  users: fc.array(fc.record({ id: text, community: text, name: text }, { requiredKeys: ['id', 'community'] }), {
    maxLength: 4,
  }),
});
const userStatus = fc.record({ status: u16, time: u32, description: text });

const loginAck = fc.tuple(base, loginInfo, u16, privacy, userStatus).map(([b, li, reserved, pr, us]) => ({
  ...b,
  type: 'LOGIN_ACK' as const,
  loginInfo: li,
  reserved,
  privacy: pr,
  userStatus: us,
}));
const loginRedirect = fc
  .tuple(base, text, text)
  .map(([b, host, serverId]) => ({ ...b, type: 'LOGIN_REDIRECT' as const, host, serverId }));
const channelDestroy = fc
  .tuple(base, u32, bytes)
  .map(([b, reason, data]) => ({ ...b, type: 'CHANNEL_DESTROY' as const, reason, data }));
const setUserStatus = fc.tuple(base, userStatus).map(([b, s]) => ({ ...b, type: 'SET_USER_STATUS' as const, ...s }));
const senseService = fc.tuple(base, u32).map(([b, service]) => ({ ...b, type: 'SENSE_SERVICE' as const, service }));
const admin = fc.tuple(base, text).map(([b, t]) => ({ ...b, type: 'ADMIN' as const, text: t }));
const announce = fc
  .tuple(base, fc.option(loginInfo, { nil: undefined }), u16, fc.boolean(), text, fc.array(text, { maxLength: 3 }))
  .map(([b, sender, reserved, mayReply, t, recipients]) => ({
    ...b,
    type: 'ANNOUNCE' as const,
    ...(sender === undefined ? {} : { sender }),
    reserved,
    mayReply,
    text: t,
    recipients,
  }));
/** Codes the codec reads into their own message kind: everything else in the table is opaque. */
const MODELLED = [0x0000, 0x8000, 0x0001, 0x8001, 0x0018, 0x0003, 0x0009, 0x0011, 0x0019, 0x0022];
const opaque = fc
  .tuple(base, fc.constantFrom(...Object.values(MessageType)), fc.boolean(), bytes)
  .filter(([, code, encrypted]) => encrypted || !MODELLED.includes(code))
  .map(([b, code, encrypted, body]) => ({ ...b, type: 'opaque' as const, code, encrypted, body }));

/** Any message the codec models, with every optional part sometimes present. */
export const anyMessage: fc.Arbitrary<SametimeMessage> = fc.oneof(
  handshake,
  handshakeAck,
  login,
  loginAck,
  loginRedirect,
  channelDestroy,
  setUserStatus,
  senseService,
  admin,
  announce,
  opaque,
);
