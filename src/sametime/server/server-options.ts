import type { SametimeUsers } from './user-directory.js';
import type { TraceObserver } from '../../pipeline/trace.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';
import { AuthType, type PasswordAuthType } from '../auth/auth-type.js';
import { SametimeConfigError } from '../errors.js';
import type { LinkCapture } from '../link/sametime-link.js';
import type { ServerLoginRecord } from './login-decision.js';
import type { SametimeFault } from './server-fault.js';

/** What a simulated Sametime server is made with: its clock, users, capacity, and how it behaves. */
export interface SametimeServerOptions {
  /** The server's clock: session times, keepalive tracking and delivery delays. */
  readonly clock: Clock;
  /** Draws the server's Diffie-Hellman private value and each connection's magic. */
  readonly random: Random;
  /** The most sessions open at once ("the total number the Sametime API supports"); Infinity for no limit. */
  readonly capacity: number;
  /** Registered users: user id -> password, or a lookup. More can be added with `addUser`. */
  readonly users?: SametimeUsers;
  /** One-way delivery time on the clock. 0 (default): bytes arrive as microtasks, no clock sleep. */
  readonly latencyMs?: number;
  /** Misbehaviour for tests; see `SametimeFault`. Default `none`. Can be changed later with `fault`. */
  readonly fault?: SametimeFault;
  /** Receives the server's trace events: each connection, LOGIN and its answer, each session closed. */
  readonly observe?: TraceObserver;
  /** The port it listens on (default 1533); connections to another port are refused. */
  readonly port?: number;
  /** When set, connections to another host name are refused; otherwise any host reaches it. */
  readonly host?: string;
  /** The server id LOGIN_ACK names. Default `sametime-sim`. */
  readonly serverId?: string;
  /** The community LOGIN_ACK names. Default `bes-collab`. */
  readonly community?: string;
  /** The largest frame it accepts from a client. Default 64 KiB. */
  readonly maxFrameLength?: number;
  /**
   * The auth types a LOGIN may use. Default both: `AuthType.rc2_128` (DH-RC2/128; HANDSHAKE_ACK
   * then carries the server's 64-byte Diffie-Hellman key) and `AuthType.rc2_40`. Without
   * `rc2_128` HANDSHAKE_ACK carries no key, and real clients send RC2/40.
   */
  readonly authTypes?: readonly PasswordAuthType[];
  /** Hears every LOGIN the server answers: who, with which auth type, and the outcome. For a server log. */
  readonly onLogin?: (record: ServerLoginRecord) => void;
}

/** Every auth type the server speaks, in the order HANDSHAKE_ACK prefers them. */
export const PASSWORD_AUTH_TYPES: readonly number[] = [AuthType.rc2_128, AuthType.rc2_40];

/** The auth types option, checked. */
export function checkAuthTypes(types: readonly number[]): ReadonlySet<number> {
  if (types.length === 0 || types.some((t) => !PASSWORD_AUTH_TYPES.includes(t))) {
    throw new SametimeConfigError(
      `authTypes must list AuthType.rc2_128 (0x0004) and/or AuthType.rc2_40 (0x0002), got [${types.join(', ')}]`,
    );
  }
  return new Set(types);
}

/** How the links the server's `connector()` opens are observed. */
export interface ServerConnectorOptions {
  /** Sees every byte on every link the connector opens, both ways. */
  readonly capture?: LinkCapture;
}
