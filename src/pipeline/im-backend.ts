import type { TraceObserver } from './trace.js';

/**
 * The Collaboration Service's view of an instant-messaging server, through its adapter. Sametime is
 * the first; GroupWise Messenger (8300) or Microsoft OCS plug in beside it by implementing this.
 */
export interface ImBackend {
  /** The collaboration client this backend serves, as the permission store names it (`sametime`). */
  readonly client: string;
  /** Host and port the proxy connection goes to (Sametime: 1533 unless configured). */
  readonly host: string;
  readonly port: number;
  /**
   * The total number of sessions the IM server's API supports: with no maximum configured, the
   * Collaboration Service answers **Failed** once this many sessions are open.
   */
  readonly sessionLimit: number;
  /**
   * Opens a dedicated, encrypted session for the user at the IM server: connect, reformat the login
   * into the server's protocol, send it, map the answer. Never throws for an expected outcome
   * (wrong password, server full, unreachable, timeout): those come back as `ImLoginFailure`.
   */
  login(request: ImLoginRequest): Promise<ImLoginResult>;
}

export interface ImLoginRequest {
  readonly userId: string;
  /** The plaintext password, held only for the length of this call. */
  readonly password: string;
  /** The device PIN, for traces. */
  readonly pin: string;
  /** Abandon the login and close whatever was opened when this aborts. */
  readonly signal?: AbortSignal;
}

export type ImLoginResult =
  | { readonly ok: true; readonly session: ImSession }
  | { readonly ok: false; readonly failure: ImLoginFailure };

export interface ImLoginFailure {
  /** `authentication-failed`: the server rejected the credentials; `failed`: anything else. */
  readonly status: 'authentication-failed' | 'failed';
  /** The server's reason code, where it sent one (Sametime CHANNEL_DESTROY reason). */
  readonly reasonCode?: number;
  /** A short, stable name for the reason: `incorrect-login`, `server-full`, `unreachable`, `timeout`, ... */
  readonly reason: string;
}

/** Why a session closed, as the Collaboration Service or the IM server saw it. */
export type ImCloseReason = 'logout' | 'idle-logout' | 'inactivity-logout' | 'server-closed';

/** One open session: the dedicated connection the IM server started for it. */
export interface ImSession {
  /** The backend's id for the dedicated connection. */
  readonly connectionId: string;
  /** Whether the dedicated connection is still open. */
  readonly open: boolean;
  /** Relays a device status message (available, away, busy) to the IM server. */
  sendStatus(status: ImPresence): Promise<void>;
  /** Closes the session at the IM server (CHANNEL_DESTROY for Sametime). Idempotent. */
  close(reason: ImCloseReason): Promise<void>;
  /** Called once if the server closes the session on its side. */
  onServerClose(listener: (reasonCode: number) => void): void;
}

/** The availability a user sets on the device. */
export type ImPresence = 'available' | 'away' | 'busy';

/** What every backend factory is given. */
export interface ImBackendContext {
  readonly observe: TraceObserver;
}
