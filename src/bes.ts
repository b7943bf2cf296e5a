import { parseBesConfig, type BesConfig } from './config/bes-config.js';
import { ConfigError } from './config/config-error.js';
import { checkSeed, ownOptions } from './config/bes-options.js';
import { EnterpriseActivation } from './crypto/activation.js';
import { besDirectory } from './bes-users.js';
import type { DeviceAnswer, DeviceRequest } from './pipeline/air-frame.js';
import { CollaborationService } from './pipeline/collaboration-service.js';
import { RadioCoverage } from './pipeline/coverage.js';
import { Device } from './pipeline/device.js';
import { deviceHop } from './pipeline/device-hop.js';
import { DeviceLinks } from './pipeline/device-links.js';
import { dispatcherHop } from './pipeline/dispatcher.js';
import { logicDeviceHop, logicRouterHop } from './pipeline/logic-hops.js';
import type { BackendFactory, ImBackend } from './pipeline/im-backend.js';
import type { ImEvent } from './pipeline/im-request.js';
import { routerHop } from './pipeline/router.js';
import { sealedLinkHop } from './pipeline/sealed-link-hop.js';
import { andThen, pipe, type Stage } from './pipeline/stage.js';
import { tracer, type TraceObserver } from './pipeline/trace.js';
import { createRandom, type Random } from './random/seeded-random.js';
import { sametimeBackend, type SametimeBackend } from './sametime/sametime-backend.js';
import { sametimeRulesBackend, type SametimeRulesBackend } from './sametime/sametime-rules-backend.js';
import { DirectoryPermissionStore } from './session/directory-permission-store.js';
import { InMemorySessionStore } from './session/in-memory-session-store.js';
import type { PermissionStore } from './session/permission-store.js';
import type { SessionStore } from './session/session-store.js';
import type { Clock } from './time/clock.js';
import { VirtualClock } from './time/virtual-clock.js';
import type { ActivateDeviceRequest, ActivateDeviceResult, BesHops, CreateBesOptions } from './create-bes-options.js';

export type {
  ActivateDeviceRequest,
  ActivateDeviceResult,
  BesFidelity,
  BesHops,
  CreateBesOptions,
} from './create-bes-options.js';

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
      throw new ConfigError(
        `invalid BES options: fidelity: expected "wire" or "logic", got ${JSON.stringify(options.fidelity)}`,
        ['fidelity'],
      );
    }
    if (logic && options.compose !== undefined) {
      throw new ConfigError(
        'invalid BES options: compose arranges the wire hops, and fidelity "logic" has none of them to arrange',
        ['compose'],
      );
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
    const device = new Device({
      pin: result.pin,
      pipe: this.#pipe,
      coverage: this.coverage,
      client: this.backend.client,
    });
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
export function createBes<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend>(
  options: CreateBesOptions<C, B>,
): Bes<C, B>;
export function createBes<C extends Clock = VirtualClock, B extends ImBackend = SametimeBackend>(
  options: CreateBesOptions<C, B>,
): Bes<C, B> {
  return new Bes(options);
}
