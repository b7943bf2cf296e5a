import { SametimeConfigError } from '../errors.js';

/**
 * How a simulated Sametime server misbehaves, for tests of the adapter's failure paths:
 * - `none`: a working server;
 * - `refuse`: connections are refused (nothing listens on the port);
 * - `close-mid-login`: answers HANDSHAKE, then closes the connection when LOGIN arrives;
 * - `garbage`: answers HANDSHAKE with bytes that are not Sametime (an HTTP error page);
 * - `silent`: accepts the connection and never answers.
 * A connection keeps the fault it was accepted under.
 */
export type SametimeFault = 'none' | 'refuse' | 'close-mid-login' | 'garbage' | 'silent';

/** Every `SametimeFault`, for validating one given at run time. */
export const SAMETIME_FAULTS: readonly SametimeFault[] = ['none', 'refuse', 'close-mid-login', 'garbage', 'silent'];

/** Whether `value` names a `SametimeFault`. */
export function isSametimeFault(value: unknown): value is SametimeFault {
  return (SAMETIME_FAULTS as readonly unknown[]).includes(value);
}

/** What a `garbage` server answers: a web server's reply, not a Sametime frame. */
export const GARBAGE_REPLY = new TextEncoder().encode('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');

/** A fault the server knows, or `SametimeConfigError` naming `fault`. */
export function checkFault(fault: unknown): SametimeFault {
  if (isSametimeFault(fault)) return fault;
  throw new SametimeConfigError(`fault must be one of ${SAMETIME_FAULTS.join(', ')}, got ${String(fault)}`);
}
