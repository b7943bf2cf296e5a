import { FrameError } from '../crypto/frame-error.js';
import { linkIdFor } from '../crypto/link-id.js';
import { SealedLink } from '../crypto/sealed-link.js';
import type { TransportKey } from '../crypto/transport-key.js';
import {
  decodeDeviceMessage,
  encodeDeviceMessage,
  type DeviceMessage,
} from './device-message.js';
import { PipelineError } from './pipeline-error.js';

/** The link between one device and the BES is named after the device's PIN. */
export function deviceLinkId(pin: string): Uint8Array {
  return linkIdFor(`device:${pin}`);
}

export type OpenedDeviceMessage =
  | { readonly ok: true; readonly message: DeviceMessage; readonly sequence: number }
  | { readonly ok: false; readonly error: FrameError | PipelineError };

/**
 * The BES ends of its devices' sealed links, by PIN: shared by the Dispatcher and the
 * Collaboration Service (whichever opens frames), never by the Router.
 */
export class DeviceLinks {
  readonly #links = new Map<string, SealedLink>();

  /** Installs (or, on re-activation, replaces) the BES end of a device's link. */
  register(pin: string, serverKey: TransportKey): void {
    this.#links.set(pin, new SealedLink({ key: serverKey, linkId: deviceLinkId(pin), sends: 'downlink' }));
  }

  has(pin: string): boolean {
    return this.#links.has(pin);
  }

  /** Opens a device's frame into its message. A frame that cannot be opened is an error value, never a throw. */
  open(pin: string, bytes: Uint8Array, hop: string): OpenedDeviceMessage {
    const link = this.#links.get(pin);
    if (link === undefined) {
      return { ok: false, error: new FrameError('authentication-failed', `no transport key for device ${pin}`, { hop }) };
    }
    try {
      const { header, payload } = link.open(bytes);
      return { ok: true, message: decodeDeviceMessage(header.kind, payload, hop), sequence: header.sequence };
    } catch (error) {
      if (error instanceof FrameError || error instanceof PipelineError) return { ok: false, error };
      throw error;
    }
  }

  /** Compresses and encrypts a BES message for a device. */
  seal(pin: string, message: DeviceMessage): Uint8Array {
    const link = this.#links.get(pin);
    if (link === undefined) throw new FrameError('authentication-failed', `no transport key for device ${pin}`);
    return link.seal(message.kind, encodeDeviceMessage(message));
  }
}
