import type { TraceObserver } from '../../pipeline/trace.js';
import type { LinkCapture } from '../../sametime/link/sametime-link.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';

/** Who may log in: user id -> password, or a lookup (`(id) => directory.find(id)?.password`). */
export type GroupWiseUsers = Readonly<Record<string, string>> | ((userId: string) => string | undefined);

/** The Messaging Agent's "Maximum number of users" unless set (Novell Messenger 3.0). */
export const DEFAULT_MAX_USERS = 5120;
/** Minutes between a client's pings, as the login reply gives them, unless set. */
export const DEFAULT_KEEPALIVE_MINUTES = 10;
/** Wrong passwords in a row after which a user is locked out, unless set. */
export const DEFAULT_MAX_WRONG_PASSWORDS = 5;
/** How long a lockout lasts, unless set. */
export const DEFAULT_LOCKOUT_MS = 30 * 60_000;

/** A simulated GroupWise Messenger server's users, limits and rules. */
export interface GroupWiseServerOptions {
  /** The server's time: lockouts and login timeouts run on it. */
  readonly clock: Clock;
  /** Draws the SSL stand-in's key pair and each connection's salt. */
  readonly random: Random;
  /** Who may log in, with their passwords. More can be added with `addUser`. */
  readonly users?: GroupWiseUsers;
  /** The Messaging Agent's "Maximum number of users": sessions at once; more logins get SERVER_BUSY. Default 5120. */
  readonly maxUsers?: number;
  /** The interval the login reply gives (NM_A_UD_KEEPALIVE), in minutes. Default 10. */
  readonly keepaliveMinutes?: number;
  /** Wrong passwords in a row before the user is locked out (ACCESS_DENIED). Default 5. */
  readonly maxWrongPasswords?: number;
  /** How long the lockout lasts, on the clock. Default 30 minutes. */
  readonly lockoutMs?: number;
  /** A second login of a user ends the first with event 114 (signed on from another location). Default true. */
  readonly oneSessionPerUser?: boolean;
  /** The organisation in users' DNs (`cn=alice,o=bes-collab`). */
  readonly organisation?: string;
  /** One-way delivery time on in-process links. Default 0. */
  readonly latencyMs?: number;
  /** The port it listens on (default 8300); in-process connections to another port are refused. */
  readonly port?: number;
  /** When set, in-process connections to another host name are refused. */
  readonly host?: string;
  /** The largest request it takes. Default 64 KiB. */
  readonly maxRequestLength?: number;
  /** Receives `groupwise-server` trace events. */
  readonly observe?: TraceObserver;
}

/** What `GroupWiseServer.connector` may be given. */
export interface GroupWiseConnectorOptions {
  /** Sees every byte on every link (the stand-in's sealed records: what a capture of an SSL connection shows). */
  readonly capture?: LinkCapture;
}
