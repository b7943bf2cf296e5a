import type { TraceEvent } from '../../pipeline/trace.js';
import type { Clock } from '../../time/clock.js';
import type { GroupWiseAccounts } from './login-decision.js';
import type { ServerConnection } from './server-connection.js';

/** A trace event without what the server fills in itself (time, hop, port). */
export type ServerTraceFields = Omit<TraceEvent, 'at' | 'hop' | 'port'>;

/** What each connection needs of its server. */
export interface ServerContext {
  readonly clock: Clock;
  readonly accounts: GroupWiseAccounts;
  readonly keepaliveMinutes: number;
  readonly organisation: string;
  readonly maxRequestLength: number;
  /** The result code capacity gives a login by `userId`: SERVER_BUSY when full, else 0. */
  readonly capacityFor: (userId: string) => number;
  /** A login was accepted on `connection`: register it (and end the user's other sessions, if the server does). */
  readonly sessionOpened: (connection: ServerConnection) => void;
  /** `connection` set a status: tell whoever watches its user. */
  readonly statusSet: (connection: ServerConnection, status: number) => void;
  readonly connectionClosed: (connection: ServerConnection) => void;
  readonly trace: ((fields: ServerTraceFields) => void) | undefined;
}
