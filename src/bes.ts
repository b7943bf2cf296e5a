import { parseBesConfig, type BesConfig, type BesConfigInput } from './config/bes-config.js';
import { ConfigError } from './config/config-error.js';
import { checkSeed, ownOptions } from './config/bes-options.js';
import { EnterpriseActivation, type ActivationFailure } from './crypto/activation.js';
import { besDirectory, type BesDirectory, type BesUserInput } from './bes-users.js';
import type { AirFrame, DeviceAnswer, DeviceRequest } from './pipeline/air-frame.js';
import { CollaborationService } from './pipeline/collaboration-service.js';
import { RadioCoverage } from './pipeline/coverage.js';
import { Device } from './pipeline/device.js';
import { deviceHop } from './pipeline/device-hop.js';
import { DeviceLinks } from './pipeline/device-links.js';
import { dispatcherHop } from './pipeline/dispatcher.js';
import { logicDeviceHop, logicRouterHop } from './pipeline/logic-hops.js';
import type { BackendFactory, ImBackend } from './pipeline/im-backend.js';
import type { ImEvent, ImReply, ImRequest } from './pipeline/im-request.js';
import { routerHop } from './pipeline/router.js';
import { sealedLinkHop } from './pipeline/sealed-link-hop.js';
import { andThen, pipe, type Filter, type Hop, type SimpleFilter, type Stage } from './pipeline/stage.js';
import { tracer, type TraceObserver } from './pipeline/trace.js';
import { createRandom, type Random, type Seed } from './random/seeded-random.js';
import { sametimeBackend, type SametimeBackend } from './sametime/sametime-backend.js';
import { sametimeRulesBackend, type SametimeRulesBackend } from './sametime/sametime-rules-backend.js';
import { DirectoryPermissionStore } from './session/directory-permission-store.js';
import { InMemorySessionStore } from './session/in-memory-session-store.js';
import type { PermissionStore } from './session/permission-store.js';
import type { SessionStore } from './session/session-store.js';
import type { Clock } from './time/clock.js';
import { VirtualClock } from './time/virtual-clock.js';

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
      /** Wrong activation passwords the user may still send, on any PIN, before their activation is locked out. */
      readonly attemptsLeft: number;
    };

/** `bes-` and eight hex digits, from the seed: the same seed, the same id. */
function defaultInstanceId(random: Random): string {
  return `bes-${random.fork('instance-id').uint32().toString(16).padStart(8, '0')}`;
}

function defaultPipe(hops: BesHops): Stage<DeviceRequest, DeviceAnswer> {
  return pipe(hops.device, hops.router, hops.dispatcher, hops.collaborationService, hops.backend);
}

/**
 * One BlackBerry Enterprise Server with its Router, Dispatcher, Collaboration Service,
 * Configuration Database (config, session and permission stores) and an IM server behind it.
 */
export class Bes<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend> {
  /** The BES clock: every timeout, lease and trace time runs on it. */
  readonly clock: C;
  /** The configuration with every default filled in. */
  readonly config: BesConfig;
  /** This instance's id in the Configuration Database (`config.instanceId`, or derived from the seed). */
  readonly instanceId: string;
  /** The Router's knowledge of which devices are in coverage. */
  readonly coverage: RadioCoverage;
  /** The Collaboration Service: admission, permission, the IM session and the connectivity cache. */
  readonly collaborationService: CollaborationService;
  /** The IM backend, as its factory built it (`bes.backend.server` is the simulated Sametime server). */
  readonly backend: B;
  /** The connectivity cache of the Configuration Database: sessions, logins under way, closes. */
  readonly sessions: SessionStore;
  /** Who may use which collaboration client (the Configuration Database's permissions). */
  readonly permissions: PermissionStore;
  readonly #activation: EnterpriseActivation;
  readonly #deviceLinks = new DeviceLinks('uplink', 'device');
  readonly #besLinks: DeviceLinks;
  readonly #pipe: Stage<DeviceRequest, DeviceAnswer>;
  readonly #devices = new Map<string, Device>();
  readonly #observeActivation: TraceObserver | undefined;
  /** Whether frames are sealed: the devices' keys are installed in the links at activation. */
  readonly #wire: boolean;

  constructor(given: CreateBesOptions<C, B>) {
    const options = ownOptions(given);
    const random = createRandom(checkSeed(options.seed));
    const config = parseBesConfig(options.config);
    const users = besDirectory(options.users);
    const clock = options.clock ?? (new VirtualClock() as Clock as C);
    const observe = options.observe;
    const wanted = options.observeHops === undefined ? undefined : new Set(options.observeHops);
    const observes = (hop: string): boolean => observe !== undefined && (wanted === undefined || wanted.has(hop));
    const traceOf = (hop: string) => tracer(observes(hop) ? observe : undefined, clock, hop);
    this.clock = clock;
    this.config = config;
    this.#observeActivation = observes('device') ? observe : undefined;
    this.sessions = options.sessions ?? new InMemorySessionStore();

    this.#activation = new EnterpriseActivation({
      random: random.fork('activation'),
      clock,
      lockoutMs: config.activationLockoutMs,
      maxCounters: config.activationCounterLimit,
      activationPasswordOf: (userId) => {
        const user = users.find(userId);
        return user === undefined ? undefined : (user.activationPassword ?? user.password);
      },
    });

    // The backend reports to the service, which is built after it: its event port is bound late.
    let service: CollaborationService | undefined;
    const events = (event: ImEvent): void => service?.imEvent(event);
    const logic = options.fidelity === 'logic';
    if (options.fidelity !== undefined && options.fidelity !== 'wire' && !logic) {
      throw new ConfigError(`invalid BES options: fidelity: expected "wire" or "logic", got ${JSON.stringify(options.fidelity)}`, ['fidelity']);
    }
    if (logic && options.compose !== undefined) {
      throw new ConfigError('invalid BES options: compose arranges the wire hops, and fidelity "logic" has none of them to arrange', ['compose']);
    }
    this.#wire = !logic;
    const defaultBackend = logic ? sametimeRulesBackend() : sametimeBackend();
    const factory = options.backend ?? (defaultBackend as unknown as BackendFactory<B>);
    this.backend = factory({ clock, random, config, users, observe, observes, events });
    const { client, sessionLimit } = this.backend;
    if (config.maxSessions !== undefined && config.maxSessions > sessionLimit) {
      throw new ConfigError(
        `invalid BES configuration: maxSessions: ${config.maxSessions} is more than the ${sessionLimit} sessions the ${client} API supports`,
        ['config.maxSessions'],
      );
    }
    this.permissions = options.permissions ?? new DirectoryPermissionStore(users, client);

    this.coverage = new RadioCoverage(traceOf('router'));
    this.instanceId = config.instanceId ?? defaultInstanceId(random);
    service = new CollaborationService({
      clock,
      config,
      instanceId: this.instanceId,
      sessions: this.sessions,
      permissions: this.permissions,
      coverage: this.coverage,
      backend: this.backend,
      tracer: traceOf('collaboration-service'),
      backendTracer: traceOf(this.backend.hop),
    });
    this.collaborationService = service;
    this.coverage.onChange(service.coverageChanged);

    // Local or remote is where the sealed link is wired: at the Dispatcher, or at the service's 3200.
    const remote = config.collaborationService === 'remote';
    const opener = remote ? 'collaboration-service' : 'dispatcher';
    this.#besLinks = new DeviceLinks('downlink', opener);
    const sealedLink = sealedLinkHop({
      links: this.#besLinks,
      tracer: traceOf(opener),
      port: remote ? config.collaborationServicePort : config.srpPort,
    });
    const hops: BesHops = {
      device: deviceHop({ links: this.#deviceLinks, coverage: this.coverage, tracer: traceOf('device') }),
      router: routerHop({ coverage: this.coverage, tracer: traceOf('router'), port: config.srpPort }),
      dispatcher: dispatcherHop({ tracer: traceOf('dispatcher'), srpPort: config.srpPort }),
      collaborationService: andThen(sealedLink, service.layer),
      backend: this.backend.serve,
    };
    this.#pipe = logic
      ? pipe(
          logicDeviceHop({ coverage: this.coverage, tracer: traceOf('device') }),
          logicRouterHop({ coverage: this.coverage, tracer: traceOf('router'), port: config.srpPort }),
          service.layer,
          this.backend.serve,
        )
      : (options.compose ?? defaultPipe)(hops);
  }

  /**
   * Enterprise activation: the device proves its user's activation password and comes away with a
   * transport key shared with this BES only. Re-activating a PIN renews its key.
   */
  activateDevice(request: ActivateDeviceRequest): ActivateDeviceResult {
    const result = this.#activation.activate(request);
    this.#observeActivation?.({
      at: this.clock.now(),
      hop: 'device',
      direction: 'request',
      action: 'activation',
      pin: request.pin,
      outcome: result.ok ? 'activated' : result.code,
    });
    if (!result.ok) return result;
    if (this.#wire) {
      this.#besLinks.register(result.pin, result.serverKey);
      this.#deviceLinks.register(result.pin, result.deviceKey);
    }
    const device = new Device({ pin: result.pin, pipe: this.#pipe, coverage: this.coverage, client: this.backend.client });
    this.#devices.set(result.pin, device);
    return { ok: true, device };
  }

  /** The device activated with this PIN, if any. */
  device(pin: string): Device | undefined {
    return this.#devices.get(pin);
  }

  /**
   * Stops what the BES does on its clock by itself (with a shared store: lease renewal, looking for
   * closes begun elsewhere). Sessions stay open; on a shared store, the lease then lapses and other
   * instances log them out as `owner-lost`.
   */
  stop(): void {
    this.collaborationService.stop();
  }
}

/**
 * Builds a BES and everything behind it. A bad seed, config or user list throws `ConfigError`
 * naming the field (`seed`, `config.sametime.port`, `users.2.userId`); only the options' own
 * properties are read. The BES is typed by its clock and its backend: `createBes({ seed })` has a `VirtualClock`
 * and the Sametime backend; `createBes({ seed, fidelity: 'logic' })` the Sametime rules backend.
 */
export function createBes<C extends Clock = VirtualClock>(
  options: CreateBesOptions<C, SametimeRulesBackend> & { readonly fidelity: 'logic'; readonly backend?: undefined },
): Bes<C, SametimeRulesBackend>;
export function createBes<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend>(options: CreateBesOptions<C, B>): Bes<C, B>;
export function createBes<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend>(
  options: CreateBesOptions<C, B>,
): Bes<C, B> {
  return new Bes(options);
}
