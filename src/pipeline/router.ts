import { numericOption } from '../config/numeric-option.js';
import type { AirFrame } from './air-frame.js';
import type { CoveragePort } from './coverage.js';
import { NOTHING_CAME_BACK, type SimpleFilter } from './stage.js';
import type { Tracer } from './trace.js';

/** The BlackBerry Router's default SRP port towards the Dispatcher. */
export const SRP_PORT = 3101;

/** What the Router hop needs: the devices' coverage and its tracer. */
export interface RouterHopOptions {
  /** Which devices are in coverage; a frame for one out of coverage is not delivered. */
  readonly coverage: CoveragePort;
  /** The Router's tracer (`router`). */
  readonly tracer: Tracer;
  /** The SRP port it relays to the Dispatcher on. Default 3101. */
  readonly port?: number;
}

/**
 * The BlackBerry Router (step 2): relays sealed frames between devices and the Dispatcher on SRP
 * port 3101. It never holds a device key, so it cannot read what it relays. A frame from, or a
 * reply for, a device out of coverage is lost.
 */
export function routerHop(options: RouterHopOptions): SimpleFilter<AirFrame, AirFrame | null> {
  const { coverage, tracer } = options;
  const port = numericOption('routerHop', 'port', options.port ?? SRP_PORT, { min: 1, max: 65_535 });
  const event = (direction: 'request' | 'reply', action: string, frame: AirFrame, outcome?: string): void => {
    tracer.emit({
      direction,
      action,
      pin: frame.pin,
      port,
      bytes: frame.bytes.length,
      sealed: true,
      compressed: true,
      ...(outcome === undefined ? {} : { outcome }),
    });
  };
  const relayReply = (reply: AirFrame | null): AirFrame | null => {
    if (reply === null) return null;
    if (!coverage.inCoverage(reply.pin)) {
      if (tracer.on) event('reply', 'dropped', reply, 'out-of-coverage');
      return null;
    }
    if (tracer.on) event('reply', 'relayed', reply);
    return reply;
  };
  // Not async: a relay's reply goes on as `.then` of the rest of the path, made once here, which
  // settles in the same turn as an `await` would and costs a promise less per frame.
  return function router(frame, next) {
    if (!coverage.inCoverage(frame.pin)) {
      if (tracer.on) event('request', 'dropped', frame, 'out-of-coverage');
      return NOTHING_CAME_BACK;
    }
    if (tracer.on) event('request', 'relayed', frame);
    return next(frame).then(relayReply);
  };
}
