/**
 * The BES collaboration login pipeline: the device, the Router, the Dispatcher, the Collaboration
 * Service and the BES that wires them (`createBes`), the Configuration Database's stores, and the
 * scenario simulator (`runScenario`). The Sametime backend is the default.
 * @module bes-collab
 */
export { BesError } from './errors.js';

export type { Clock } from './time/clock.js';
export { ClockError, type ClockErrorCode } from './time/clock-error.js';
export { VirtualClock, type VirtualClockOptions } from './time/virtual-clock.js';
export { SystemClock } from './time/system-clock.js';

export { createRandom, MAX_SEED_LENGTH, type Random, type Seed } from './random/seeded-random.js';

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
  MAX_CREDENTIAL_LENGTH,
  DEFAULT_ACTIVATION_LOCKOUT_MS,
  DEFAULT_ACTIVATION_COUNTER_LIMIT,
  type ActivationRequest,
  type ActivationResult,
  type ActivationFailure,
  type EnterpriseActivationOptions,
} from './crypto/activation.js';

export { createBes, Bes } from './bes.js';
export type { CreateBesOptions, BesHops, BesFidelity, ActivateDeviceRequest, ActivateDeviceResult } from './bes.js';
export { userSchema, type BesUser, type BesUserInput, type BesDirectory } from './bes-users.js';
export { ConfigError } from './config/config-error.js';
export {
  parseBesConfig,
  besConfigSchema,
  SAMETIME_DEFAULTS,
  type BesConfig,
  type BesConfigInput,
} from './config/bes-config.js';

// The five hops and how they compose.
export {
  pipe,
  andThen,
  layer,
  type Stage,
  type Filter,
  type SimpleFilter,
  type Layer,
  type Hop,
} from './pipeline/stage.js';
export type { AirFrame, DeviceRequest, DeviceAnswer } from './pipeline/air-frame.js';
export { deviceHop, type DeviceHopOptions } from './pipeline/device-hop.js';
export { Device, type Credentials, type DeviceOptions } from './pipeline/device.js';
export { RadioCoverage, type CoveragePort, type CoverageListener } from './pipeline/coverage.js';
export { routerHop, SRP_PORT, type RouterHopOptions } from './pipeline/router.js';
export {
  dispatcherHop,
  COLLABORATION_SERVICE_PORT,
  type DispatcherHopOptions,
  type ServiceLocation,
} from './pipeline/dispatcher.js';
export { sealedLinkHop, type SealedLinkHopOptions } from './pipeline/sealed-link-hop.js';
export { DeviceLinks, deviceLinkId, type OpenedDeviceMessage } from './pipeline/device-links.js';
export { CollaborationService, type CollaborationServiceOptions } from './pipeline/collaboration-service.js';
export { PipelineError, type PipelineErrorCode } from './pipeline/pipeline-error.js';
export {
  tracer,
  type CoreHop,
  type Tracer,
  type TraceEvent,
  type TraceFields,
  type TraceObserver,
} from './pipeline/trace.js';
export {
  LOGIN_STATUSES,
  type LoginStatus,
  type LoginReply,
  type StatusReply,
  type LogoutReply,
  type SessionCloseReason,
} from './pipeline/login-status.js';
export type { ImBackend, BackendContext, BackendFactory } from './pipeline/im-backend.js';
export type {
  ImRequest,
  ImLoginRequest,
  ImStatusRequest,
  ImCloseRequest,
  ImReply,
  ImLoginReply,
  ImStatusReply,
  ImCloseReply,
  ImLoginFailure,
  ImCloseReason,
  ImPresence,
  ImEvent,
  ImEventPort,
} from './pipeline/im-request.js';
export {
  deviceMessage,
  deviceMessageSchemas,
  decodeDeviceMessage,
  encodeDeviceMessage,
  type DeviceMessage,
  type DeviceMessageKind,
  type DeviceMessageOf,
  type Schemas as DeviceMessageSchemas,
} from './pipeline/device-message.js';

// The default backend; its wire codec, server, adapter and links are in `bes-collab/sametime`.
export { sametimeBackend, type SametimeBackend, type SametimeBackendOptions } from './sametime/sametime-backend.js';
export {
  sametimeRulesBackend,
  type SametimeRulesBackend,
  type SametimeRulesBackendOptions,
} from './sametime/sametime-rules-backend.js';
export {
  sametimeTcpBackend,
  type SametimeTcpBackend,
  type SametimeTcpBackendOptions,
} from './sametime/sametime-tcp-backend.js';
export type { SametimeFault } from './sametime/server/server-fault.js';

export * from './session/index.js';

export {
  runScenario,
  parseScenario,
  estimateRunEvents,
  MAX_RUN_EVENTS,
  MIN_SCENARIO_MINUTES,
  MAX_SCENARIO_MINUTES,
  MAX_TIMELINE_SLICES,
  type EventEstimateInput,
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
  runSweep,
  sweepPoints,
  SWEEP_AXES,
  SweepError,
  type RunSweepOptions,
  type SweepAxis,
  type SweepAxes,
  type SweepValues,
  type SweepPoint,
  type SweepPointResult,
  type SweepResult,
  type SweepErrorCode,
} from './simulation/index.js';
