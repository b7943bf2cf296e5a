export { BesError } from './errors.js';

export type { Clock } from './time/clock.js';
export { ClockError, type ClockErrorCode } from './time/clock-error.js';
export { VirtualClock, type VirtualClockOptions } from './time/virtual-clock.js';
export { SystemClock } from './time/system-clock.js';

export { createRandom, type Random, type Seed } from './random/seeded-random.js';

export { FrameError, type FrameErrorCode } from './crypto/frame-error.js';
export { FrameKind } from './crypto/frame-kind.js';
export { MAX_PAYLOAD_BYTES, MAX_BODY_BYTES } from './crypto/limits.js';
export {
  FRAME_HEADER_BYTES,
  FRAME_VERSION,
  decodeFrameHeader,
  type Direction,
  type FrameHeader,
} from './crypto/frame-header.js';
export { rawDeflate, type PayloadCompressor } from './crypto/compression.js';
export { TransportKey } from './crypto/transport-key.js';
export { linkIdFor, LINK_ID_BYTES } from './crypto/link-id.js';
export { sealFrame, openFrame, type FrameAddress, type OpenedFrame } from './crypto/sealed-frame.js';
export { SealedLink, type SealedLinkOptions } from './crypto/sealed-link.js';
export {
  EnterpriseActivation,
  MAX_WRONG_ACTIVATION_PASSWORDS,
  type ActivationRequest,
  type ActivationResult,
  type ActivationFailure,
  type EnterpriseActivationOptions,
} from './crypto/activation.js';
