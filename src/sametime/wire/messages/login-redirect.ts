import type { MessageBase } from '../header.js';
import type { WireReader } from '../wire-reader.js';
import type { WireWriter } from '../wire-writer.js';

/** Server -> client, instead of LOGIN_ACK: log in at another server of the community. */
export interface LoginRedirect extends MessageBase {
  /** Which message this is. */
  readonly type: 'LOGIN_REDIRECT';
  /** The host of the server to log in at instead. */
  readonly host: string;
  /** That server's id in the community. */
  readonly serverId: string;
}

export function writeLoginRedirect(w: WireWriter, m: LoginRedirect): void {
  w.string(m.host).string(m.serverId);
}

export function readLoginRedirect(r: WireReader, channel: number): LoginRedirect {
  const host = r.string();
  const serverId = r.string();
  return { type: 'LOGIN_REDIRECT', channel, host, serverId };
}
