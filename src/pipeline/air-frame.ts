import type { DeviceMessage } from './device-message.js';

/** A sealed frame on the air between a device and the BES, addressed by the device's PIN (SRP). */
export interface AirFrame {
  /** The device's PIN, which the Router addresses the frame by. */
  readonly pin: string;
  /** The sealed frame: clear header, then the encrypted body. */
  readonly bytes: Uint8Array;
}

/**
 * A device message in the clear, addressed by PIN: what the user's client hands the device hop,
 * and what the Collaboration Service receives once the sealed link has opened the frame.
 */
export interface DeviceRequest {
  /** The device's PIN. */
  readonly pin: string;
  /** The message the device sends, before sealing. */
  readonly message: DeviceMessage;
}

/** What comes back to the user's client: the BES's reply, or why there is none. */
export type DeviceAnswer =
  | {
      /** A reply came back and opened. */
      readonly ok: true;
      /** The BES's reply. */
      readonly message: DeviceMessage;
    }
  /** `out-of-coverage`: nothing was sent. `no-response`: nothing came back, or nothing that opened. */
  | {
      /** No reply. */
      readonly ok: false;
      /** What the device shows instead. */
      readonly status: 'out-of-coverage' | 'no-response';
    };
