import type { TraceEvent } from '../../pipeline/trace.js';
import type { Clock } from '../../time/clock.js';
import type { TimeoutWatchdog } from '../../time/timeout-watchdog.js';
import type { GroupWiseConnector } from '../link/groupwise-connector.js';
import type { GroupWiseSession } from './groupwise-session.js';

/** A trace event without what the adapter fills in itself (time, hop, port). */
export type AdapterTraceFields = Omit<TraceEvent, 'at' | 'hop' | 'port'>;

/** How an open session keeps its connection alive. */
export type KeepaliveMode =
  /** A `ping` every interval the login reply gives, on the clock (what a server that drops silent clients needs). */
  | 'timer'
  /** Only when asked (`session.ping()`): for simulations that run their clock until nothing is pending. */
  | 'manual';

/** What a login attempt and a session need from their adapter. */
export interface AdapterContext {
  readonly connector: GroupWiseConnector;
  readonly clock: Clock;
  readonly host: string;
  readonly port: number;
  readonly watchdog: TimeoutWatchdog | undefined;
  readonly userAgent: string;
  readonly ipAddress: string | undefined;
  readonly maxReplyLength: number;
  readonly keepalive: KeepaliveMode;
  /** Takes a session the moment its login reply opens it, before anything after the reply is read. */
  readonly opened: (session: GroupWiseSession, pin: string) => void;
  /**
   * Told when the BES closes a session itself (`GroupWiseSession.close`): the adapter forgets it. A
   * session the server ends is forgotten through its `onServerClose` listener instead.
   */
  readonly closedByBes: (session: GroupWiseSession) => void;
  readonly trace: ((fields: AdapterTraceFields) => void) | undefined;
}
