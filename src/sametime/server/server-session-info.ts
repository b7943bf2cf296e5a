/** The last SET_USER_STATUS a session sent, and when it arrived (server clock). */
export interface ServerStatusRecord {
  /** The status code sent (a `StatusCode`, with the mobile flag when set). */
  readonly status: number;
  /** The time field the client sent, in seconds. */
  readonly time: number;
  /** The status message the client sent. */
  readonly description: string;
  /** When it arrived, on the server clock. */
  readonly at: number;
}

/** A snapshot of one open session at the simulated server. */
export interface ServerSessionInfo {
  /** The session's dedicated connection; LOGIN_ACK carries it to the client as the login id. */
  readonly connectionId: string;
  /** The user the session is logged in as. */
  readonly userId: string;
  /** Server time the login was accepted. */
  readonly openedAt: number;
  /** Server time of the last bytes from the client (frames or keepalive). */
  readonly lastSeenAt: number;
  /** Keepalive bytes received since the login. */
  readonly keepalives: number;
  /** The last status the session sent; undefined before its first. */
  readonly lastStatus: ServerStatusRecord | undefined;
}
