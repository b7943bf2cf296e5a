import type { TraceEvent } from '../../pipeline/trace.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';
import type { PasswordOpener } from '../auth/password-opener.js';
import type { ServerLoginRecord } from './login-decision.js';
import type { ServerConnection } from './server-connection.js';
import type { UserDirectory } from './user-directory.js';

/** A trace event without what the server fills in itself (time, hop, port). */
export type ServerTraceFields = Omit<TraceEvent, 'at' | 'hop' | 'port'>;

/** What a server connection needs from its server. */
export interface ServerContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly opener: PasswordOpener;
  /** The auth types LOGIN may use; others are refused as encryption mismatch. */
  readonly authTypes: ReadonlySet<number>;
  /** Whether HANDSHAKE_ACK carries the server's 64-byte Diffie-Hellman key (DH-RC2/128 accepted). */
  readonly offersKeyAgreement: boolean;
  readonly users: UserDirectory;
  readonly serverId: string;
  readonly community: string;
  readonly maxFrameLength: number;
  /** Undefined when nobody observes: callers skip building events. */
  readonly trace: ((fields: ServerTraceFields) => void) | undefined;
  /** Hears every LOGIN the server answers (`SametimeServerOptions.onLogin`). */
  readonly loginAnswered: ((record: ServerLoginRecord) => void) | undefined;
  /** Whether a new session would exceed the server's capacity. */
  isFull(): boolean;
  sessionOpened(connection: ServerConnection): void;
  connectionClosed(connection: ServerConnection): void;
}
