/** The availability a user sets on the device. */
export type ImPresence = 'available' | 'away' | 'busy';

/** Why a session closed, as the Collaboration Service or the IM server saw it. */
export type ImCloseReason = 'logout' | 'idle-logout' | 'inactivity-logout' | 'server-closed';

/**
 * Opens a dedicated, encrypted session for the user at the IM server: connect, reformat the login
 * into the server's protocol, send it, map the answer.
 */
export interface ImLoginRequest {
  /** Which request this is: a login. */
  readonly kind: 'login';
  /** The device PIN, for traces. */
  readonly pin: string;
  /** The user id the device logs in as, which is also the user's IM login name. */
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
  /** Which request this is: a status update. */
  readonly kind: 'status';
  /** The device PIN, for traces. */
  readonly pin: string;
  /** The session's dedicated connection, as the login's reply named it. */
  readonly connectionId: string;
  /** The availability the user set on the device. */
  readonly presence: ImPresence;
}

/** Closes a session at the IM server (CHANNEL_DESTROY for Sametime). Idempotent. */
export interface ImCloseRequest {
  /** Which request this is: a close. */
  readonly kind: 'close';
  /** The device PIN, for traces. */
  readonly pin: string;
  /** The session's dedicated connection, as the login's reply named it. */
  readonly connectionId: string;
  /** Why the BES closes the session. */
  readonly reason: ImCloseReason;
}

/** What the Collaboration Service asks its IM backend. */
export type ImRequest = ImLoginRequest | ImStatusRequest | ImCloseRequest;

/** Why the IM server, or the way to it, turned a login away. */
export interface ImLoginFailure {
  /** `authentication-failed`: the server rejected the credentials; `failed`: anything else. */
  readonly status: 'authentication-failed' | 'failed';
  /** The server's reason code, where it sent one (Sametime CHANNEL_DESTROY reason). */
  readonly reasonCode?: number;
  /** A short, stable name for the reason: `incorrect-login`, `server-full`, `unreachable`, `timeout`, ... */
  readonly reason: string;
}

/** The backend's answer to a login: the session's dedicated connection, or why there is none. */
export type ImLoginReply =
  /** The server accepted; `connectionId` names the dedicated connection it started for the session. */
  | {
      /** Answers a login request. */
      readonly kind: 'login';
      /** The login succeeded. */
      readonly ok: true;
      /** The dedicated connection the IM server started for the session. */
      readonly connectionId: string;
    }
  | {
      /** Answers a login request. */
      readonly kind: 'login';
      /** The login failed. */
      readonly ok: false;
      /** Why it failed. */
      readonly failure: ImLoginFailure;
    };

/** The backend's answer to a status update: relayed, or the session is gone. */
export type ImStatusReply =
  | {
      /** Answers a status request. */
      readonly kind: 'status';
      /** The status reached the IM server. */
      readonly ok: true;
    }
  /** The session's connection is no longer open. */
  | {
      /** Answers a status request. */
      readonly kind: 'status';
      /** The status could not be relayed. */
      readonly ok: false;
      /** The session's connection had closed. */
      readonly reason: 'session-closed';
    };

/** The backend's answer to a close. */
export interface ImCloseReply {
  /** Answers a close request. */
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
      /** The IM server closed the session. */
      readonly kind: 'session-closed';
      /** The device PIN of the session. */
      readonly pin: string;
      /** The session's dedicated connection. */
      readonly connectionId: string;
      /** A short, stable name for why: the reason code's name (`logged-in-elsewhere`), or `unknown-reason`. */
      readonly reason: string;
      /** The server's reason code, where it sent one. */
      readonly reasonCode?: number;
    }
  /** The server sent the user a message of its own (an administrator's broadcast); the session stays open. */
  | {
      /** The IM server sent the user a message. */
      readonly kind: 'server-message';
      /** The device PIN of the session. */
      readonly pin: string;
      /** The session's dedicated connection. */
      readonly connectionId: string;
      /** The message's text. */
      readonly text: string;
    };

/** Where a backend reports what its IM server started (the Collaboration Service listens). */
export type ImEventPort = (event: ImEvent) => void;
