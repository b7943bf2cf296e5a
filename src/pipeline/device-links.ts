import type { Direction } from '../crypto/frame-header.js';
import { FrameError } from '../crypto/frame-error.js';
import { linkIdFor } from '../crypto/link-id.js';
import { SealedLink } from '../crypto/sealed-link.js';
import type { TransportKey } from '../crypto/transport-key.js';
import { decodeDeviceMessage, payloadToSeal, type DeviceMessage } from './device-message.js';
import { PipelineError } from './pipeline-error.js';

/** The link between one device and the BES is named after the device's PIN. */
export function deviceLinkId(pin: string): Uint8Array {
  return linkIdFor(`device:${pin}`);
}

/** A frame opened into its message, or why it could not be: never a throw. */
export type OpenedDeviceMessage =
  | {
      /** The frame opened. */
      readonly ok: true;
      /** The message it carried. */
      readonly message: DeviceMessage;
      /** The frame's sequence number on its link. */
      readonly sequence: number;
    }
  | {
      /** The frame did not open. */
      readonly ok: false;
      /** Why: a sealed-frame error, or a payload that is not a valid message of its kind. */
      readonly error: FrameError | PipelineError;
    };

/**
 * One side's ends of the device links, by PIN: the devices' ends (they send `uplink`) or the BES's
 * (it sends `downlink`). The Router holds neither, so it cannot read what it relays.
 */
export class DeviceLinks {
  readonly #sends: Direction;
  readonly #hop: string;
  readonly #links = new Map<string, SealedLink>();

  /** `hop` is where the frames are opened (`device`, `dispatcher`, `collaboration-service`), for errors. */
  constructor(sends: Direction, hop: string) {
    this.#sends = sends;
    this.#hop = hop;
  }

  /** Installs (or, on re-activation, replaces) this side's end of a device's link. */
  register(pin: string, key: TransportKey): void {
    this.#links.set(pin, new SealedLink({ key, linkId: deviceLinkId(pin), sends: this.#sends }));
  }

  /** Whether a link is installed for this PIN (the device has been activated). */
  has(pin: string): boolean {
    return this.#links.has(pin);
  }

  /** Opens a frame from the other side into its message. */
  open(pin: string, bytes: Uint8Array): OpenedDeviceMessage {
    const hop = this.#hop;
    const link = this.#links.get(pin);
    if (link === undefined) {
      return {
        ok: false,
        error: new FrameError('authentication-failed', `no transport key for device ${pin}`, { hop }),
      };
    }
    try {
      const { header, payload } = link.open(bytes);
      return { ok: true, message: decodeDeviceMessage(header.kind, payload, hop), sequence: header.sequence };
    } catch (error) {
      if (error instanceof FrameError || error instanceof PipelineError) return { ok: false, error };
      throw error;
    }
  }

  /** Compresses, then encrypts a message for the other side. */
  seal(pin: string, message: DeviceMessage): Uint8Array {
    const link = this.#links.get(pin);
    if (link === undefined) throw new FrameError('authentication-failed', `no transport key for device ${pin}`);
    // Sealed at once, with the library's deflate, which keeps nothing of what it compresses.
    return link.seal(message.kind, payloadToSeal(message));
  }
}
