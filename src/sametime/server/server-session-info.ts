/** The last SET_USER_STATUS a session sent, and when it arrived (server clock). */
export interface ServerStatusRecord {
  readonly status: number;
  readonly time: number;
  readonly description: string;
  readonly at: number;
}

/** A snapshot of one open session at the simulated server. */
export interface ServerSessionInfo {
  /** The session's dedicated connection; LOGIN_ACK carries it to the client as the login id. */
  readonly connectionId: string;
  readonly userId: string;
  /** Server time the login was accepted. */
  readonly openedAt: number;
  /** Server time of the last bytes from the client (frames or keepalive). */
  readonly lastSeenAt: number;
  /** Keepalive bytes received since the login. */
  readonly keepalives: number;
  readonly lastStatus: ServerStatusRecord | undefined;
}
