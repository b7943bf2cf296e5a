import { numericOption } from '../config/numeric-option.js';
import type { AirFrame, DeviceRequest } from './air-frame.js';
import type { DeviceLinks } from './device-links.js';
import { messageName, type DeviceMessage } from './device-message.js';
import { NOTHING_CAME_BACK, type Filter } from './stage.js';
import type { Tracer } from './trace.js';

/** Where the sealed-link hop is placed: the BES's ends of the device links, the tracer and the port. */
export interface SealedLinkHopOptions {
  /** The BES's ends of the device links (sending `downlink`). */
  readonly links: DeviceLinks;
  /** The tracer of the hop it is placed at: the Dispatcher's, or the Collaboration Service's at 3200. */
  readonly tracer: Tracer;
  /** The port the sealed frames arrive on where it is placed (3101 at the Dispatcher, 3200 at a remote service). */
  readonly port: number;
}

/**
 * The BES end of the device links: opens (decrypts, then inflates) each device frame into its
 * message and compresses, then encrypts the reply. Placed at the Dispatcher for a local
 * Collaboration Service, at port 3200 for a remote one, so that the request crosses 3200 still
 * sealed. A frame it cannot open is discarded: nothing goes back. A request the service does not
 * answer (`null`) gets nothing back either.
 */
export function sealedLinkHop(
  options: SealedLinkHopOptions,
): Filter<AirFrame, AirFrame | null, DeviceRequest, DeviceMessage | null> {
  const { links, tracer } = options;
  const port = numericOption('sealedLinkHop', 'port', options.port, { min: 1, max: 65_535 });
  // Not async: the reply is sealed in a `.then` of the rest of the path, a promise less per frame.
  return function sealedLink(frame, next) {
    const { pin, bytes } = frame;
    const opened = links.open(pin, bytes);
    if (!opened.ok) {
      if (tracer.on)
        tracer.emit({
          direction: 'request',
          action: 'discarded',
          pin,
          port,
          bytes: bytes.length,
          sealed: true,
          outcome: opened.error.code,
        });
      return NOTHING_CAME_BACK;
    }
    if (tracer.on)
      tracer.emit({
        direction: 'request',
        action: 'opened',
        pin,
        port,
        bytes: bytes.length,
        sealed: true,
        compressed: true,
        message: messageName(opened.message.kind),
      });
    return next({ pin, message: opened.message }).then((reply) => {
      if (reply === null) return null;
      const sealed = links.seal(pin, reply);
      if (tracer.on)
        tracer.emit({
          direction: 'reply',
          action: 'sealed',
          pin,
          port,
          bytes: sealed.length,
          sealed: true,
          compressed: true,
          message: messageName(reply.kind),
        });
      return { pin, bytes: sealed };
    });
  };
}
