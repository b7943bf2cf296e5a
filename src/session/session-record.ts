/**
 * The connectivity information the Collaboration Service caches for one instant-messaging session
 * (step 6 of the seed), so it can maintain the session.
 */
export interface SessionRecord {
  /** The BES's id for the session (the instance id, then a number), as the device's login reply carries it. */
  readonly sessionId: string;
  /** The user the session is logged in as. */
  readonly userId: string;
  /** The device PIN the session belongs to. One session per device. */
  readonly pin: string;
  /** The collaboration client / IM backend (`sametime`). */
  readonly client: string;
  /** The backend's id for the dedicated connection it started for the session. */
  readonly connectionId: string;
  /** The BES / Collaboration Service instance that holds the IM connection. */
  readonly owner: string;
  /** Virtual time the session was accepted. */
  readonly createdAt: number;
  /** Virtual time of the last status message from the device (the login counts as one). */
  readonly lastStatusAt: number;
  /** Whether the device is in coverage, as the BlackBerry Router last reported. */
  readonly inCoverage: boolean;
}
