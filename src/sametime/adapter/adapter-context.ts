import type { TraceEvent } from '../../pipeline/trace.js';
import type { Clock } from '../../time/clock.js';
import type { PasswordSealer } from '../auth/password-sealer.js';
import type { SametimeConnector } from '../link/sametime-link.js';
import type { Handshake } from '../wire/messages/handshake.js';
import type { TimeoutWatchdog } from '../../time/timeout-watchdog.js';
import type { SametimeSession } from './sametime-session.js';
import type { SametimeServerMessage } from './server-message.js';

/** A trace event without what the adapter fills in itself (time, hop, port). */
export type AdapterTraceFields = Omit<TraceEvent, 'at' | 'hop' | 'port'>;

/** What a login attempt and a session need from their adapter. */
export interface AdapterContext {
  readonly connector: SametimeConnector;
  readonly clock: Clock;
  readonly host: string;
  readonly port: number;
  /** Times logins out after `loginTimeoutMs`; undefined when the timeout is off (Infinity). */
  readonly watchdog: TimeoutWatchdog | undefined;
  readonly loginType: number;
  /** The HANDSHAKE every login opens with: the same for all of them, so made once. */
  readonly handshake: Handshake;
  /** Its frame, encoded once for logins to copy; undefined when it does not encode (a local host name too long). */
  readonly handshakeFrame: Uint8Array | undefined;
  readonly maxFrameLength: number;
  readonly sealer: PasswordSealer;
  /**
   * Takes a session the moment LOGIN_ACK opens it, before any frame after LOGIN_ACK is read (one
   * that came in the same chunk included): the adapter registers it.
   */
  readonly opened: (session: SametimeSession) => void;
  /** Told when the BES closes a session itself (`SametimeSession.close`): the adapter forgets it. */
  readonly closedByBes: (session: SametimeSession) => void;
  /**
   * Told when the server closes a session (CHANNEL_DESTROY, a dropped connection, bytes that are
   * not Sametime), before the session's own close listeners: the adapter forgets it and reports it.
   */
  readonly closedByServer: (session: SametimeSession, pin: string, reasonCode: number) => void;
  /** Told of each ADMIN or ANNOUNCE on an open session, before its own listeners: the adapter reports it. */
  readonly serverMessage: (session: SametimeSession, pin: string, message: SametimeServerMessage) => void;
  /** Undefined when nobody observes: callers skip building events. */
  readonly trace: ((fields: AdapterTraceFields) => void) | undefined;
}
