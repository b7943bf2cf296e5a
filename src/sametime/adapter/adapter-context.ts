import type { TraceEvent } from '../../pipeline/trace.js';
import type { Clock } from '../../time/clock.js';
import type { PasswordSealer } from '../auth/password-sealer.js';
import type { SametimeConnector } from '../link/sametime-link.js';
import type { TimeoutWatchdog } from '../../time/timeout-watchdog.js';
import type { SametimeSession } from './sametime-session.js';

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
  readonly localHost: string;
  readonly localAddress: number;
  readonly maxFrameLength: number;
  readonly sealer: PasswordSealer;
  /**
   * Takes a session the moment LOGIN_ACK opens it, before any frame after LOGIN_ACK is read (one
   * that came in the same chunk included): the adapter registers it and listens to it.
   */
  readonly opened: (session: SametimeSession, pin: string) => void;
  /**
   * Told when the BES closes a session itself (`SametimeSession.close`): the adapter forgets it. A
   * session the server closes is forgotten through its `onServerClose` listener instead.
   */
  readonly closedByBes: (session: SametimeSession) => void;
  /** Undefined when nobody observes: callers skip building events. */
  readonly trace: ((fields: AdapterTraceFields) => void) | undefined;
}
