import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** Client -> server, after HANDSHAKE_ACK: who logs in, and the (sealed) credentials. */
export interface Login extends MessageBase {
  /** Which message this is. */
  readonly type: 'LOGIN';
  /** The kind of client logging in (a `LoginType`). */
  readonly loginType: number;
  /** The user id to log in as. */
  readonly userId: string;
  /** The credentials, shaped by `authType` (this library: see `encodeAuthData`). */
  readonly authData: Uint8Array;
  /** An `AuthType`. */
  readonly authType: number;
}

export function writeLogin(w: WireWriter, m: Login): void {
  w.u16(m.loginType).string(m.userId).opaque(m.authData).u16(m.authType).u16(0);
}

export function readLogin(r: WireReader, channel: number): Login {
  const loginType = r.u16();
  const userId = r.string();
  const authData = r.opaque();
  const authType = r.u16();
  r.u16(); // trailer, 0 from every known client
  return { type: 'LOGIN', channel, loginType, userId, authData, authType };
}
