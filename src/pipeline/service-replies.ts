import { FrameKind } from '../crypto/frame-kind.js';
import { deviceMessage, type DeviceMessage, type DeviceMessageOf } from './device-message.js';

/**
 * The device messages the Collaboration Service answers with, made from the reply bodies its
 * requests settle with: in the same `.then` that settles the body, a promise less per request.
 */
export const loginReplyMessage = (body: DeviceMessageOf<typeof FrameKind.loginReply>): DeviceMessage =>
  deviceMessage(FrameKind.loginReply, body);
export const statusReplyMessage = (body: DeviceMessageOf<typeof FrameKind.statusReply>): DeviceMessage =>
  deviceMessage(FrameKind.statusReply, body);
export const logoutReplyMessage = (body: DeviceMessageOf<typeof FrameKind.logoutReply>): DeviceMessage =>
  deviceMessage(FrameKind.logoutReply, body);
