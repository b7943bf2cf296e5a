import {
  readLoginInfo,
  readPrivacy,
  readUserStatus,
  writeLoginInfo,
  writePrivacy,
  writeUserStatus,
  type LoginInfoBlock,
  type PrivacyBlock,
  type UserStatusBlock,
} from '../blocks.js';
import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** Server -> client: the login is accepted. */
export interface LoginAck extends MessageBase {
  /** Which message this is. */
  readonly type: 'LOGIN_ACK';
  /** Who the server logged in, and as what. */
  readonly loginInfo: LoginInfoBlock;
  /** The u16 between the login-info and privacy blocks (meaning not documented publicly). */
  readonly reserved: number;
  /** Who may see the user. */
  readonly privacy: PrivacyBlock;
  /** The user's status as the server holds it. */
  readonly userStatus: UserStatusBlock;
}

export function writeLoginAck(w: WireWriter, m: LoginAck): void {
  writeLoginInfo(w, m.loginInfo);
  w.u16(m.reserved);
  writePrivacy(w, m.privacy);
  writeUserStatus(w, m.userStatus);
}

/** Liberal, as real clients are: bytes after the user-status block are left unread, and `decodeMessage` ignores them. */
export function readLoginAck(r: WireReader, channel: number): LoginAck {
  const loginInfo = readLoginInfo(r);
  const reserved = r.u16();
  const privacy = readPrivacy(r);
  const userStatus = readUserStatus(r);
  return { type: 'LOGIN_ACK', channel, loginInfo, reserved, privacy, userStatus };
}
