/** The hops of the login path, named as the BES documentation names them. */
export type Hop =
  | 'device'
  | 'router'
  | 'dispatcher'
  | 'collaboration-service'
  | 'sametime-adapter'
  | 'sametime-server';

/**
 * One thing a hop did with a message, for the observer. It carries sizes, ports and outcomes, never
 * a password, key or plaintext credential.
 */
export interface TraceEvent {
  /** Virtual time (the injected clock's `now()`), in milliseconds. */
  readonly at: number;
  readonly hop: Hop;
  /** `request` on the way from the device towards the IM server, `reply` on the way back. */
  readonly direction: 'request' | 'reply';
  /** What happened, in a word or two: `sent`, `relayed`, `opened`, `sealed`, `admitted`, `rejected`, ... */
  readonly action: string;
  /** The device the message belongs to, when there is one. */
  readonly pin?: string;
  /** The TCP port the message crosses, when it crosses one (3101, 3200, 1533). */
  readonly port?: number;
  /** Bytes on the wire for this step. */
  readonly bytes?: number;
  /** Whether the bytes were encrypted. */
  readonly sealed?: boolean;
  /** Whether the bytes were compressed. */
  readonly compressed?: boolean;
  /** The message kind (`login-request`, `HANDSHAKE`, ...). */
  readonly message?: string;
  /** The outcome, for steps that decide one (a login status, a Sametime reason code name). */
  readonly outcome?: string;
  /** Why, where an outcome has more than one cause: an idle logout's `out-of-coverage` or `no-status`. */
  readonly reason?: string;
}

/** Receives trace events. It must not throw; it is called synchronously on the hot path. */
export type TraceObserver = (event: TraceEvent) => void;

export const ignoreTrace: TraceObserver = () => {};
