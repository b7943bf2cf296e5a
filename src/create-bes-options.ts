import type { BesConfigInput } from './config/bes-config.js';
import type { ActivationFailure } from './crypto/activation.js';
import type { BesDirectory, BesUserInput } from './bes-users.js';
import type { AirFrame, DeviceAnswer, DeviceRequest } from './pipeline/air-frame.js';
import type { Device } from './pipeline/device.js';
import type { BackendFactory, ImBackend } from './pipeline/im-backend.js';
import type { ImReply, ImRequest } from './pipeline/im-request.js';
import type { Filter, Hop, SimpleFilter, Stage } from './pipeline/stage.js';
import type { TraceObserver } from './pipeline/trace.js';
import type { Seed } from './random/seeded-random.js';
import type { SametimeBackend } from './sametime/sametime-backend.js';
import type { PermissionStore } from './session/permission-store.js';
import type { SessionStore } from './session/session-store.js';
import type { Clock } from './time/clock.js';
import type { VirtualClock } from './time/virtual-clock.js';

/**
 * The five hops of the login path, for `compose` to arrange, with stages of the user's own between
 * them. Between `dispatcher` and `collaborationService` is port 3200, where the device's frame is
 * still sealed: the `collaborationService` hop begins with the BES end of the sealed link, traced
 * at the Dispatcher for a local service and at the service's 3200 for a remote one.
 */
export interface BesHops {
  /** Steps 1-2: compresses, then encrypts the user's request; opens the reply. */
  readonly device: Filter<DeviceRequest, DeviceAnswer, AirFrame, AirFrame | null>;
  /** Step 2: relays sealed frames on SRP 3101; drops what a device out of coverage sends or is sent. */
  readonly router: SimpleFilter<AirFrame, AirFrame | null>;
  /** Step 3: from SRP 3101 to the Collaboration Service on 3200, and the reply back. */
  readonly dispatcher: SimpleFilter<AirFrame, AirFrame | null>;
  /** Steps 4 and 6: opens the frame, then admission, permission, the IM session, the cache; seals the reply. */
  readonly collaborationService: Hop<AirFrame, AirFrame | null, ImRequest, ImReply>;
  /** Steps 4-5: the IM server's adapter. */
  readonly backend: Stage<ImRequest, ImReply>;
}

/**
 * How much of the pipeline a BES models. `wire` (the default): every byte, compressed, sealed and
 * in the IM server's protocol. `logic`: the same admission code, stores, coverage and session rules
 * with the device message handed from hop to hop as it is, for capacity questions at a fraction of
 * the cost; the Dispatcher and the sealed link drop out of the pipe and the default backend is the
 * IM server's rules without its protocol (`sametimeRulesBackend()`).
 */
export type BesFidelity = 'wire' | 'logic';

/** How `createBes` builds a BES: its seed and clock, configuration, users, stores, IM backend and observer. */
export interface CreateBesOptions<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend> {
  /** Same seed, same keys, same bytes, same trace. A finite number, or a string of at most 1,024 characters. */
  readonly seed: Seed;
  /** Default: a new `VirtualClock` at 0. `bes.clock` has this clock's type. */
  readonly clock?: C;
  /** The BES configuration (ports, limits, timeouts, the Sametime server); defaults for every field left out. */
  readonly config?: BesConfigInput;
  /**
   * The users: their IM password, permission and activation password. A list, or a directory of
   * your own (`find(userId)`) for a population too large to list.
   */
  readonly users?: readonly BesUserInput[] | BesDirectory;
  /** Receives every hop's trace events. */
  readonly observe?: TraceObserver;
  /**
   * Only these hops report to `observe` (`['router', 'collaboration-service']`): the others build
   * no events at all, which a long simulation that counts a few things is much faster without.
   * Default: every hop.
   */
  readonly observeHops?: readonly string[];
  /** The connectivity cache. Default: an `InMemorySessionStore`. */
  readonly sessions?: SessionStore;
  /** Who may use which client. Default: from `users[].collaboration`, for the backend's client. */
  readonly permissions?: PermissionStore;
  /**
   * The IM server behind the Collaboration Service. Default `sametimeBackend()`: the Sametime
   * adapter and a simulated Sametime server. `bes.backend` has the type this returns.
   */
  readonly backend?: BackendFactory<B>;
  /** `wire` (default) or `logic`: see `BesFidelity`. */
  readonly fidelity?: BesFidelity;
  /**
   * Arranges the five hops into the pipe (`wire` fidelity only). Default:
   * `({ device, router, dispatcher, collaborationService, backend }) => pipe(device, router, dispatcher, collaborationService, backend)`.
   */
  readonly compose?: (hops: BesHops) => Stage<DeviceRequest, DeviceAnswer>;
}

/** A device asking for enterprise activation over the wireless network. */
export interface ActivateDeviceRequest {
  /** The device PIN, eight hex digits (`2100000A`). */
  readonly pin: string;
  /** The user the device is activated for. */
  readonly userId: string;
  /** The activation password an administrator set for that user. */
  readonly activationPassword: string;
}

/** The activated device, or why activation was refused and how many tries are left before lock-out. */
export type ActivateDeviceResult =
  | {
      /** The device was activated. */
      readonly ok: true;
      /** The device, holding its new transport key. */
      readonly device: Device;
    }
  | {
      /** Activation was refused. */
      readonly ok: false;
      /** Why. */
      readonly code: ActivationFailure;
      /** Wrong activation passwords the PIN may still send before it is locked out. */
      readonly attemptsLeft: number;
    };
