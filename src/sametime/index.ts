/**
 * The Sametime wing: the community protocol's wire codec, its password authentication, links to a
 * server (TCP or in process), a simulated Sametime server, and the adapter the BES logs in with.
 * @module bes-collab/sametime
 */
// bes-collab/sametime: the Sametime wing. The community protocol's wire codec first.
export { SametimeProtocolError, type SametimeProtocolErrorCode } from './wire/protocol-error.js';
export { MessageType, messageTypeName, type MessageTypeName } from './wire/message-type.js';
export { ReasonCode, reasonName, formatReasonCode, type ReasonCodeKey, type ReasonName } from './wire/reason-code.js';
export { StatusCode, MOBILE_STATUS_FLAG, describeStatus, type StatusName } from './wire/user-status.js';
export { LoginType } from './wire/login-type.js';
export { CLIENT_VERSION, isKeyExchangeVersion, readsKeyExchange, type ProtocolVersion } from './wire/version.js';
export { HEADER_BYTES, MASTER_CHANNEL, OPTION_ATTRIBUTES, OPTION_ENCRYPTED, type MessageBase } from './wire/header.js';
export { WireWriter, MAX_STRING_BYTES } from './wire/wire-writer.js';
export { WireReader } from './wire/wire-reader.js';
export type { LoginInfoBlock, PrivacyBlock, PrivacyEntry, UserStatusBlock } from './wire/blocks.js';
export type { Handshake, HandshakeLocalHost } from './wire/messages/handshake.js';
export type { HandshakeAck, HandshakeKeyExchange } from './wire/messages/handshake-ack.js';
export type { Login } from './wire/messages/login.js';
export type { LoginAck } from './wire/messages/login-ack.js';
export type { LoginRedirect } from './wire/messages/login-redirect.js';
export type { ChannelDestroy } from './wire/messages/channel-destroy.js';
export type { SetUserStatus } from './wire/messages/set-user-status.js';
export type { OpaqueMessage } from './wire/messages/opaque-message.js';
export type { UnknownMessage } from './wire/messages/unknown-message.js';
export type { Admin } from './wire/messages/admin.js';
export type { Announce } from './wire/messages/announce.js';
export type { SenseService } from './wire/messages/sense-service.js';
export { decodeMessage, writeMessage, messageName, type SametimeMessage } from './wire/message.js';
export {
  encodeFrame,
  decodeFrame,
  encodeKeepalive,
  KEEPALIVE_BYTE,
  FRAME_LENGTH_BYTES,
  DEFAULT_MAX_FRAME_LENGTH,
  MIN_MAX_FRAME_LENGTH,
  MAX_MAX_FRAME_LENGTH,
} from './wire/frame.js';
export { FrameDecoder, decodeStream, type FrameDecoderOptions, type MessageSink } from './wire/frame-decoder.js';

// Password protection on the 1533 link, as the protocol gives it: RC2/40 and DH-RC2/128.
export { AuthType, authTypeName, type PasswordAuthType } from './auth/auth-type.js';
export {
  encodeRc2AuthData,
  decodeRc2AuthData,
  encodeDhAuthData,
  decodeDhAuthData,
  DH_AUTH_DATA_VERSION,
  RC2_40_KEY_BYTES,
  type Rc2AuthData,
  type DhAuthData,
} from './auth/auth-data.js';
export {
  expandRc2Key,
  rc2EncryptBlock,
  rc2DecryptBlock,
  SAMETIME_EFFECTIVE_BITS,
  RC2_BLOCK_BYTES,
  type Rc2Key,
} from './auth/rc2.js';
export { rc2CbcEncrypt, rc2CbcDecrypt, SAMETIME_IV } from './auth/rc2-cbc.js';
export {
  DhKeyPair,
  modPow,
  bigintFromBytes,
  bytesFromBigint,
  isValidPublicValue,
  SAMETIME_DH_PRIME,
  SAMETIME_DH_GENERATOR,
  DH_KEY_BYTES,
} from './auth/diffie-hellman.js';
export { rc2KeyFromSharedSecret, DH_RC2_KEY_BYTES } from './auth/shared-key-cache.js';
export { PasswordSealer } from './auth/password-sealer.js';
export { PasswordOpener } from './auth/password-opener.js';

// Links: the byte connection on port 1533, and the in-process implementation.
export type {
  SametimeLink,
  LinkListener,
  SametimeConnector,
  ConnectRequest,
  LinkCapture,
  LinkDirection,
  LinkEndpoints,
  Endpoint,
} from './link/sametime-link.js';
export { TcpConnector, type TcpConnectorOptions } from './link/tcp-connector.js';
export { TcpLink, DEFAULT_LINGER_MS, DEFAULT_MAX_BUFFERED_BYTES, type TcpLinkOptions } from './link/tcp-link.js';
export { createLinkPair, type LinkPair, type LinkPairOptions } from './link/in-process-link.js';
export { InProcessConnector, type InProcessConnectorOptions, type LinkAcceptor } from './link/in-process-connector.js';
export {
  SametimeConnectionError,
  SametimeSessionClosedError,
  SametimeConfigError,
  type SametimeConnectionErrorCode,
} from './errors.js';

// Packet capture of the 1533 traffic, for Wireshark.
export { PcapRecorder, type PcapRecorderOptions } from './capture/pcap-recorder.js';
export { pcapFileHeader, pcapRecord, LINKTYPE_RAW } from './capture/pcap-format.js';
export { ipv4TcpPacket, TcpFlag, type TcpSegment } from './capture/tcp-segment.js';

// The simulated Sametime server.
export { SAMETIME_PORT } from './wire/sametime-port.js';
export { SametimeServer, type SametimeServerOptions, type ServerConnectorOptions } from './server/sametime-server.js';
export type { SametimeUsers } from './server/user-directory.js';
export { SametimeListener, type SametimeListenOptions } from './server/tcp-listener.js';
export { SAMETIME_FAULTS, type SametimeFault } from './server/server-fault.js';
export type { ServerLoginRecord } from './server/login-decision.js';
export type { ServerSessionInfo, ServerStatusRecord } from './server/server-session-info.js';

// The adapter: the Collaboration Service's backend stage for Sametime, and the default backend.
export { SametimeAdapter, type SametimeAdapterOptions } from './adapter/sametime-adapter.js';
export { SametimeSession, type ServerCloseListener } from './adapter/sametime-session.js';
export type { SametimeServerMessage, ServerMessageListener } from './adapter/server-message.js';
export type { SametimeLoginResult } from './adapter/login-attempt.js';
export { sametimeBackend, type SametimeBackend, type SametimeBackendOptions } from './sametime-backend.js';
export {
  sametimeRulesBackend,
  type SametimeRulesBackend,
  type SametimeRulesBackendOptions,
} from './sametime-rules-backend.js';
export { sametimeTcpBackend, type SametimeTcpBackend, type SametimeTcpBackendOptions } from './sametime-tcp-backend.js';
export { PRESENCE_STATUS } from './adapter/presence.js';
export { failureFromReason, type LocalFailureReason } from './adapter/login-failure.js';
