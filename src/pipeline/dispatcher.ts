import { numericOption } from '../config/numeric-option.js';
import type { AirFrame } from './air-frame.js';
import { SRP_PORT } from './router.js';
import type { SimpleFilter } from './stage.js';
import type { Tracer } from './trace.js';

/** The Collaboration Service's default port, where the Dispatcher sends it requests. */
export const COLLABORATION_SERVICE_PORT = 3200;

/** Where the Collaboration Service runs: on the BES computer, or on a remote one. */
export type ServiceLocation = 'local' | 'remote';

/** What the Dispatcher hop needs: its tracer and the SRP port it takes frames on. */
export interface DispatcherHopOptions {
  /** The Dispatcher's tracer (`dispatcher`). */
  readonly tracer: Tracer;
  /** The SRP port frames arrive on from the Router. Default 3101. */
  readonly srpPort?: number;
}

/**
 * The BlackBerry Dispatcher (step 3): takes each device frame off SRP port 3101 and sends the
 * request on to the Collaboration Service on port 3200; relays the reply back towards the Router.
 * Whether the frame is opened at the Dispatcher (a local service) or crosses 3200 still sealed (a
 * remote one) is where the sealed link is wired and traced, not a branch in this hop.
 */
export function dispatcherHop(options: DispatcherHopOptions): SimpleFilter<AirFrame, AirFrame | null> {
  const { tracer } = options;
  const srpPort = numericOption('dispatcherHop', 'srpPort', options.srpPort ?? SRP_PORT, { min: 1, max: 65_535 });
  const relayReply = (reply: AirFrame | null): AirFrame | null => {
    if (reply !== null && tracer.on)
      tracer.emit({
        direction: 'reply',
        action: 'relayed',
        pin: reply.pin,
        port: srpPort,
        bytes: reply.bytes.length,
        sealed: true,
        compressed: true,
      });
    return reply;
  };
  // Not async, as the Router is not: the reply goes on as `.then` of the rest of the path.
  return function dispatcher(frame, next) {
    // Where the frame is opened, and so how it crosses 3200, is the sealed link's to say.
    if (tracer.on)
      tracer.emit({
        direction: 'request',
        action: 'received',
        pin: frame.pin,
        port: srpPort,
        bytes: frame.bytes.length,
        sealed: true,
        compressed: true,
      });
    return next(frame).then(relayReply);
  };
}
