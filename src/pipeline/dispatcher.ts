import type { Clock } from '../time/clock.js';
import type { AirFrame, ServiceEnvelope } from './air-frame.js';
import type { DeviceLinks } from './device-links.js';
import { messageName } from './device-message.js';
import type { Filter } from './stage.js';
import { ignoreTrace, type TraceEvent, type TraceObserver } from './trace.js';

/** The Collaboration Service's default port, where the Dispatcher sends it requests. */
export const COLLABORATION_SERVICE_PORT = 3200;

/** Where the Collaboration Service runs: on the BES computer, or on a remote one. */
export type ServiceLocation = 'local' | 'remote';

export interface DispatcherOptions {
  readonly clock: Clock;
  readonly observe: TraceObserver;
  readonly links: DeviceLinks;
  readonly location: ServiceLocation;
  /** The SRP port frames arrive on from the Router (for traces). */
  readonly srpPort: number;
  /** The Collaboration Service's port. Default 3200. */
  readonly servicePort?: number;
}

/**
 * The BlackBerry Dispatcher (step 3): sends each device request to the Collaboration Service on
 * port 3200. With a local service it opens (decrypts, inflates) the frame and passes the message
 * on, then compresses and encrypts the reply; with a remote one the request crosses 3200 still
 * sealed and the service opens it. A frame it cannot open is discarded: nothing goes back.
 */
export function createDispatcher(
  options: DispatcherOptions,
): Filter<AirFrame, AirFrame | null, ServiceEnvelope, ServiceEnvelope | null> {
  const { clock, observe, links, location, srpPort } = options;
  const servicePort = options.servicePort ?? COLLABORATION_SERVICE_PORT;

  const event = (pin: string, fields: Omit<TraceEvent, 'at' | 'hop' | 'pin'>): void => {
    if (observe !== ignoreTrace) observe({ at: clock.now(), hop: 'dispatcher', pin, ...fields });
  };

  function toService(frame: AirFrame): ServiceEnvelope | null {
    const { pin, bytes } = frame;
    if (location === 'remote') {
      event(pin, { direction: 'request', action: 'forwarded', port: servicePort, bytes: bytes.length, sealed: true, compressed: true });
      return { via: 'sealed', pin, bytes };
    }
    const opened = links.open(pin, bytes, 'dispatcher');
    if (!opened.ok) {
      event(pin, { direction: 'request', action: 'discarded', bytes: bytes.length, sealed: true, outcome: opened.error.code });
      return null;
    }
    event(pin, { direction: 'request', action: 'forwarded', port: servicePort, sealed: false, compressed: false, message: messageName(opened.message.kind) });
    return { via: 'open', pin, message: opened.message };
  }

  function toDevice(reply: ServiceEnvelope): AirFrame {
    const { pin } = reply;
    const bytes = reply.via === 'sealed' ? reply.bytes : links.seal(pin, reply.message);
    event(pin, {
      direction: 'reply',
      action: reply.via === 'sealed' ? 'relayed' : 'sealed',
      port: srpPort,
      bytes: bytes.length,
      sealed: true,
      compressed: true,
      ...(reply.via === 'open' ? { message: messageName(reply.message.kind) } : {}),
    });
    return { pin, bytes };
  }

  return async function dispatcher(frame, next) {
    event(frame.pin, { direction: 'request', action: 'received', port: srpPort, bytes: frame.bytes.length, sealed: true, compressed: true });
    const request = toService(frame);
    if (request === null) return null;
    const reply = await next(request);
    return reply === null ? null : toDevice(reply);
  };
}
