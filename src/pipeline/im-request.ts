/** The availability a user sets on the device. */
export type ImPresence = 'available' | 'away' | 'busy';

/** Why a session closed, as the Collaboration Service or the IM server saw it. */
export type ImCloseReason = 'logout' | 'idle-logout' | 'inactivity-logout' | 'server-closed';

/**
 * Opens a dedicated, encrypted session for the user at the IM server: connect, reformat the login
 * into the server's protocol, send it, map the answer.
 */
export interface ImLoginRequest {
  readonly kind: 'login';
  /** The device PIN, for traces. */
  readonly pin: string;
  readonly userId: string;
  /** The plaintext password, held only for the length of this call. */
  readonly password: string;
  /**
   * When the caller gives up, on the BES clock: the Collaboration Service sets it to its own
   * deadline (`backendTimeoutMs`). A backend that can should answer by then; one that answers
   * later finds its session closed again.
   */
  readonly deadline?: number;
  /**
   * Abandon the login and close whatever was opened when this aborts. The Collaboration Service's
   * requests make it on first read (an AbortController costs microseconds) and abort it at
   * `deadline`; a backend that honours `deadline` itself need not read it.
   */
  readonly signal?: AbortSignal;
}

/** Relays a device status message (available, away, busy) on the session's dedicated connection. */
export interface ImStatusRequest {
  readonly kind: 'status';
  readonly pin: string;
  readonly connectionId: string;
  readonly presence: ImPresence;
}

/** Closes a session at the IM server (CHANNEL_DESTROY for Sametime). Idempotent. */
export interface ImCloseRequest {
  readonly kind: 'close';
  readonly pin: string;
  readonly connectionId: string;
  readonly reason: ImCloseReason;
}

/** What the Collaboration Service asks its IM backend. */
export type ImRequest = ImLoginRequest | ImStatusRequest | ImCloseRequest;

export interface ImLoginFailure {
  /** `authentication-failed`: the server rejected the credentials; `failed`: anything else. */
  readonly status: 'authentication-failed' | 'failed';
  /** The server's reason code, where it sent one (Sametime CHANNEL_DESTROY reason). */
  readonly reasonCode?: number;
  /** A short, stable name for the reason: `incorrect-login`, `server-full`, `unreachable`, `timeout`, ... */
  readonly reason: string;
}

export type ImLoginReply =
  /** The server accepted; `connectionId` names the dedicated connection it started for the session. */
  | { readonly kind: 'login'; readonly ok: true; readonly connectionId: string }
  | { readonly kind: 'login'; readonly ok: false; readonly failure: ImLoginFailure };

export type ImStatusReply =
  | { readonly kind: 'status'; readonly ok: true }
  /** The session's connection is no longer open. */
  | { readonly kind: 'status'; readonly ok: false; readonly reason: 'session-closed' };

export interface ImCloseReply {
  readonly kind: 'close';
  /** Whether the session was still open. */
  readonly wasOpen: boolean;
}

/** The backend's answer; its `kind` is the request's. */
export type ImReply = ImLoginReply | ImStatusReply | ImCloseReply;

/** Something the IM server started on its own, on one session's dedicated connection. */
export type ImEvent =
  /** The server closed the session (Sametime: CHANNEL_DESTROY with `reasonCode`, or the connection dropped). */
  | {
      readonly kind: 'session-closed';
      readonly pin: string;
      readonly connectionId: string;
      readonly reason: string;
      readonly reasonCode?: number;
    }
  /** The server sent the user a message of its own (an administrator's broadcast); the session stays open. */
  | { readonly kind: 'server-message'; readonly pin: string; readonly connectionId: string; readonly text: string };

/** Where a backend reports what its IM server started (the Collaboration Service listens). */
export type ImEventPort = (event: ImEvent) => void;
