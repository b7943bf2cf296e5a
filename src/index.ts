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
export { frameDeflate, rawDeflate, type PayloadCompressor } from './crypto/compression.js';
export { DeflateCompressor, type DeflateCompressorOptions } from './crypto/deflate-compressor.js';
export { FRAME_DICTIONARY } from './crypto/frame-dictionary.js';
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

export { createBes, Bes } from './bes.js';
export type {
  CreateBesOptions,
  SimulatedSametimeOptions,
  BackendContext,
  BesHops,
  ActivateDeviceRequest,
  ActivateDeviceResult,
} from './bes.js';
export type { BesUser, BesUserInput } from './bes-users.js';
export { ConfigError } from './config/config-error.js';
export {
  parseBesConfig,
  besConfigSchema,
  SAMETIME_DEFAULTS,
  type BesConfig,
  type BesConfigInput,
} from './config/bes-config.js';

export { Device, type Credentials, type DeviceOptions, type Coverage } from './pipeline/device.js';
export { BlackBerryRouter, SRP_PORT, type RouterOptions, type CoverageListener } from './pipeline/router.js';
export {
  createDispatcher,
  COLLABORATION_SERVICE_PORT,
  type DispatcherOptions,
  type ServiceLocation,
} from './pipeline/dispatcher.js';
export { CollaborationService, type CollaborationServiceOptions } from './pipeline/collaboration-service.js';
export { DeviceLinks, deviceLinkId } from './pipeline/device-links.js';
export type { AirFrame, ServiceEnvelope } from './pipeline/air-frame.js';
export { chain, type Stage, type Filter } from './pipeline/stage.js';
export { PipelineError, type PipelineErrorCode } from './pipeline/pipeline-error.js';
export { ignoreTrace, type Hop, type TraceEvent, type TraceObserver } from './pipeline/trace.js';
export {
  LOGIN_STATUSES,
  type LoginStatus,
  type LoginReply,
  type StatusReply,
  type LogoutReply,
  type SessionCloseReason,
} from './pipeline/login-status.js';
export type {
  ImBackend,
  ImLoginRequest,
  ImLoginResult,
  ImLoginFailure,
  ImSession,
  ImCloseReason,
  ImPresence,
} from './pipeline/im-backend.js';
export {
  deviceMessage,
  decodeDeviceMessage,
  encodeDeviceMessage,
  type DeviceMessage,
  type DeviceMessageKind,
  type DeviceMessageOf,
} from './pipeline/device-message.js';

export * from './session/index.js';
export * from './sametime/index.js';

export {
  runScenario,
  parseScenario,
  scenarioSchema,
  devicePin,
  type RunScenarioOptions,
  type ScenarioProgress,
  type Scenario,
  type ScenarioInput,
  type ScenarioResult,
  type StatusCount,
  type TimelineBucket,
  type LoginTrace,
} from './simulation/index.js';
