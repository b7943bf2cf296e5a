import type { Clock } from '../time/clock.js';

/**
 * The hops of the core login path, named as the BES documentation names them. A backend names its
 * own hops (`sametime-adapter`, `sametime-server`, ...), so `TraceEvent.hop` is any string.
 */
export type CoreHop = 'device' | 'router' | 'dispatcher' | 'collaboration-service';

/**
 * One thing a hop did with a message, for the observer. It carries sizes, ports and outcomes, never
 * a password, key or plaintext credential.
 */
export interface TraceEvent {
  /** Virtual time (the injected clock's `now()`), in milliseconds. */
  readonly at: number;
  /** The hop: one of `CoreHop`, or a backend's own (`sametime-adapter`, `sametime-server`). */
  readonly hop: CoreHop | (string & {});
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

/** A trace event without what its hop's tracer fills in (time and hop). */
export type TraceFields = Omit<TraceEvent, 'at' | 'hop'>;

/**
 * How every hop reports to the observer. `on` is false when nobody observes: a hop tests it before
 * it builds an event, so an unobserved BES builds none.
 */
export interface Tracer {
  /** The hop this tracer stamps on its events. */
  readonly hop: string;
  /** Whether anyone observes; false: build no events. */
  readonly on: boolean;
  /** Reports an event, stamped with the clock's time and the hop. */
  emit(fields: TraceFields): void;
}

/** The tracer of one hop: stamps each event with the clock's time and the hop's name. */
export function tracer(observe: TraceObserver | undefined, clock: Clock, hop: string): Tracer {
  if (observe === undefined) return { hop, on: false, emit() {} };
  return {
    hop,
    on: true,
    emit(fields) {
      observe({ at: clock.now(), hop, ...fields });
    },
  };
}
