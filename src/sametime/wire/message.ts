import { HEADER_BYTES, OPTION_ATTRIBUTES, OPTION_ENCRYPTED } from './header.js';
import { MessageType, messageTypeName, type MessageTypeName } from './message-type.js';
import { readAdmin, writeAdmin, type Admin } from './messages/admin.js';
import { readAnnounce, writeAnnounce, type Announce } from './messages/announce.js';
import { readChannelDestroy, writeChannelDestroy, type ChannelDestroy } from './messages/channel-destroy.js';
import { readHandshakeAck, writeHandshakeAck, type HandshakeAck } from './messages/handshake-ack.js';
import { readHandshake, writeHandshake, type Handshake } from './messages/handshake.js';
import { readLoginAck, writeLoginAck, type LoginAck } from './messages/login-ack.js';
import { readLoginRedirect, writeLoginRedirect, type LoginRedirect } from './messages/login-redirect.js';
import { readLogin, writeLogin, type Login } from './messages/login.js';
import type { OpaqueMessage } from './messages/opaque-message.js';
import { readSenseService, writeSenseService, type SenseService } from './messages/sense-service.js';
import { readSetUserStatus, writeSetUserStatus, type SetUserStatus } from './messages/set-user-status.js';
import type { UnknownMessage } from './messages/unknown-message.js';
import { SametimeProtocolError } from './protocol-error.js';
import { wireReaderOver, type WireReader } from './wire-reader.js';
import type { WireWriter } from './wire-writer.js';

/** Every Sametime message this library reads and writes, told apart by `type`. */
export type SametimeMessage =
  | Handshake
  | HandshakeAck
  | Login
  | LoginAck
  | LoginRedirect
  | ChannelDestroy
  | SetUserStatus
  | SenseService
  | Admin
  | Announce
  | OpaqueMessage
  | UnknownMessage;

/** The protocol name of a message, as traces carry it (`LOGIN`, `CHANNEL_DESTROY`, ...; `unknown` for a code not in the table). */
export function messageName(m: SametimeMessage): MessageTypeName | 'opaque' | 'unknown' {
  return m.type === 'opaque' ? (messageTypeName(m.code) ?? 'opaque') : m.type;
}

/**
 * Writes the header (type, options, channel, attribute block) and the body of `m`. Strict: a type
 * code not in the table (an `unknown` message, an `opaque` one with such a code) is refused.
 */
export function writeMessage(w: WireWriter, m: SametimeMessage): void {
  if (m.type === 'unknown') throw unknownType(m.code);
  const code = m.type === 'opaque' ? m.code : MessageType[m.type];
  if (m.type === 'opaque' && messageTypeName(code) === undefined) throw unknownType(code);
  let options = 0;
  if (m.attributes !== undefined) options |= OPTION_ATTRIBUTES;
  if (m.type === 'opaque' && m.encrypted) options |= OPTION_ENCRYPTED;
  w.u16(code).u16(options).u32(m.channel);
  if (m.attributes !== undefined) w.opaque(m.attributes);
  switch (m.type) {
    case 'HANDSHAKE':
      return writeHandshake(w, m);
    case 'HANDSHAKE_ACK':
      return writeHandshakeAck(w, m);
    case 'LOGIN':
      return writeLogin(w, m);
    case 'LOGIN_ACK':
      return writeLoginAck(w, m);
    case 'LOGIN_REDIRECT':
      return writeLoginRedirect(w, m);
    case 'CHANNEL_DESTROY':
      return writeChannelDestroy(w, m);
    case 'SET_USER_STATUS':
      return writeSetUserStatus(w, m);
    case 'SENSE_SERVICE':
      return writeSenseService(w, m);
    case 'ADMIN':
      return writeAdmin(w, m);
    case 'ANNOUNCE':
      return writeAnnounce(w, m);
    case 'opaque':
      w.raw(m.body);
      return;
  }
}

/**
 * Decodes one message (header and body, no frame length). Every byte must belong to the message,
 * except in LOGIN_ACK, whose bytes after the fields peers know are ignored as real clients ignore
 * them. A type code not in the table decodes as an `unknown` message, for a live session to skip.
 * Byte fields are views of `bytes`. Throws only `SametimeProtocolError`.
 */
export function decodeMessage(bytes: Uint8Array): SametimeMessage {
  return decodeMessageIn(bytes, 0, bytes.length);
}

/**
 * `decodeMessage(bytes.subarray(start, end))`, without the view: for a frame decoded in place in
 * the chunk it arrived in. Byte fields are views of `bytes`, as they would be of the view.
 */
export function decodeMessageIn(bytes: Uint8Array, start: number, end: number): SametimeMessage {
  if (end - start < HEADER_BYTES) {
    throw new SametimeProtocolError(
      'truncated',
      `a message of ${end - start} bytes cannot hold the ${HEADER_BYTES}-byte header`,
    );
  }
  const r = wireReaderOver(bytes, start, end);
  const code = r.u16();
  const options = r.u16();
  const channel = r.u32();
  const name = messageTypeName(code);
  if ((options & ~(OPTION_ATTRIBUTES | OPTION_ENCRYPTED)) !== 0) {
    throw new SametimeProtocolError(
      'bad-options',
      `header options 0x${options.toString(16).padStart(4, '0')} set unknown bits`,
    );
  }
  const attributes = (options & OPTION_ATTRIBUTES) !== 0 ? r.opaque() : undefined;
  const m: SametimeMessage =
    name === undefined
      ? { type: 'unknown', channel, code, options, body: r.rest() }
      : (options & OPTION_ENCRYPTED) !== 0
        ? opaque(r, channel, code, true)
        : readBody(r, channel, name, code);
  if (attributes !== undefined) (m as { attributes?: Uint8Array }).attributes = attributes;
  // LOGIN_ACK's bytes after the fields peers know are ignored, unread (no view made of them).
  if (m.type !== 'LOGIN_ACK') r.end(name ?? 'message');
  return m;
}

function readBody(r: WireReader, channel: number, name: MessageTypeName, code: number): SametimeMessage {
  switch (name) {
    case 'HANDSHAKE':
      return readHandshake(r, channel);
    case 'HANDSHAKE_ACK':
      return readHandshakeAck(r, channel);
    case 'LOGIN':
      return readLogin(r, channel);
    case 'LOGIN_ACK':
      return readLoginAck(r, channel);
    case 'LOGIN_REDIRECT':
      return readLoginRedirect(r, channel);
    case 'CHANNEL_DESTROY':
      return readChannelDestroy(r, channel);
    case 'SET_USER_STATUS':
      return readSetUserStatus(r, channel);
    case 'SENSE_SERVICE':
      return readSenseService(r, channel);
    case 'ADMIN':
      return readAdmin(r, channel);
    case 'ANNOUNCE':
      return readAnnounce(r, channel);
    default:
      return opaque(r, channel, code, false);
  }
}

function opaque(r: WireReader, channel: number, code: number, encrypted: boolean): OpaqueMessage {
  return { type: 'opaque', channel, code, encrypted, body: r.rest() };
}

function unknownType(code: number): SametimeProtocolError {
  return new SametimeProtocolError(
    'unknown-type',
    `message type 0x${code.toString(16).padStart(4, '0')} is not a Sametime type`,
  );
}
