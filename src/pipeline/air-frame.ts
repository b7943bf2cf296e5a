import type { DeviceMessage } from './device-message.js';

/** A sealed frame on the air between a device and the BES, addressed by the device's PIN (SRP). */
export interface AirFrame {
  readonly pin: string;
  readonly bytes: Uint8Array;
}

/**
 * What crosses port 3200 between the Dispatcher and the Collaboration Service: the device's frame
 * still sealed when the service is remote, or the opened message when it is local.
 */
export type ServiceEnvelope =
  | { readonly via: 'sealed'; readonly pin: string; readonly bytes: Uint8Array }
  | { readonly via: 'open'; readonly pin: string; readonly message: DeviceMessage };
