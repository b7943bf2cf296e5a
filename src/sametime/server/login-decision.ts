import { authTypeName } from '../auth/auth-type.js';
import type { Login } from '../wire/messages/login.js';
import { SametimeProtocolError } from '../wire/protocol-error.js';
import { ReasonCode, reasonName } from '../wire/reason-code.js';
import type { ServerContext } from './server-context.js';

/** One LOGIN the server answered, for its log: who, how, and what it answered. Never the password. */
export interface ServerLoginRecord {
  /**
   * The connection the LOGIN came on, as LOGIN_ACK names it to the client: its link's id
   * (`sametime.example:1533#7` in process, `127.0.0.1:50123->127.0.0.1:1533` over TCP).
   */
  readonly connectionId: string;
  /** The link it came over (its `id`): the connection id, unless two links had the same name. */
  readonly peer: string;
  /** The user id the LOGIN named. */
  readonly userId: string;
  /** `dh-rc2-128`, `rc2-40`, or the auth type's number. */
  readonly authType: string;
  /** `accepted`, or the name of the CHANNEL_DESTROY reason it was refused with. */
  readonly outcome: string;
  /** The CHANNEL_DESTROY reason; undefined when accepted. */
  readonly reasonCode?: number;
}

/**
 * Why the server refuses `m` on a connection whose HANDSHAKE_ACK carried `magic`, in the order a
 * server checks: an auth type it does not take, an unknown user, malformed auth data, a wrong
 * password, no room. Undefined: accept.
 */
export function loginRefusal(ctx: ServerContext, m: Login, magic: number): number | undefined {
  if (!ctx.authTypes.has(m.authType)) return ReasonCode.encryptionMismatch;
  if (!ctx.users.has(m.userId)) return ReasonCode.userUnregistered;
  let password: string | undefined;
  try {
    password = ctx.opener.open(m.authType, m.authData, magic);
  } catch (error) {
    if (!(error instanceof SametimeProtocolError)) throw error;
    return ReasonCode.encryptionMismatch;
  }
  if (password === undefined || !ctx.users.verify(m.userId, password)) return ReasonCode.incorrectLogin;
  if (ctx.isFull()) return ReasonCode.serverFull;
  return undefined;
}

export function loginRecord(
  connectionId: string,
  peer: string,
  m: Login,
  refusal: number | undefined,
): ServerLoginRecord {
  const { userId } = m;
  const authType = authTypeName(m.authType);
  return refusal === undefined
    ? { connectionId, peer, userId, authType, outcome: 'accepted' }
    : { connectionId, peer, userId, authType, outcome: reasonName(refusal) ?? 'unknown-reason', reasonCode: refusal };
}
