import { parseBesConfig, type BesConfig, type BesConfigInput } from './config/bes-config.js';
import { EnterpriseActivation, type ActivationFailure } from './crypto/activation.js';
import { parseBesUsers, type BesUserInput } from './bes-users.js';
import type { AirFrame, ServiceEnvelope } from './pipeline/air-frame.js';
import { CollaborationService } from './pipeline/collaboration-service.js';
import { Device } from './pipeline/device.js';
import { DeviceLinks } from './pipeline/device-links.js';
import { createDispatcher } from './pipeline/dispatcher.js';
import type { ImBackend } from './pipeline/im-backend.js';
import { BlackBerryRouter } from './pipeline/router.js';
import { chain, type Filter, type Stage } from './pipeline/stage.js';
import { ignoreTrace, type TraceObserver } from './pipeline/trace.js';
import { createRandom, type Random, type Seed } from './random/seeded-random.js';
import { SametimeAdapter } from './sametime/adapter/sametime-adapter.js';
import type { LinkCapture } from './sametime/link/sametime-link.js';
import { SametimeServer } from './sametime/server/sametime-server.js';
import type { SametimeFault } from './sametime/server/server-fault.js';
import { InMemoryPermissionStore } from './session/in-memory-permission-store.js';
import { InMemorySessionStore } from './session/in-memory-session-store.js';
import type { PermissionStore } from './session/permission-store.js';
import type { SessionStore } from './session/session-store.js';
import type { Clock } from './time/clock.js';
import { VirtualClock } from './time/virtual-clock.js';

/** The simulated Sametime server behind the adapter. */
export interface SimulatedSametimeOptions {
  /** Sessions the server holds at most. Default: `config.sametime.sessionLimit`. */
  readonly capacity?: number;
  /** One-way delay on the 1533 link, on the clock. Default 0. */
  readonly latencyMs?: number;
  /** A fault to inject: `refuse`, `close-mid-login`, `garbage`, `silent`. Default `none`. */
  readonly fault?: SametimeFault;
  /** Sees every byte on the 1533 link, both ways. */
  readonly capture?: LinkCapture;
}

/** What a backend factory gets to build an IM backend in place of the Sametime adapter. */
export interface BackendContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly config: BesConfig;
  readonly observe: TraceObserver;
}

/** The default hops, for `compose` to arrange with stages of the user's own between them. */
export interface BesHops {
  readonly router: Filter<AirFrame, AirFrame | null, AirFrame, AirFrame | null>;
  readonly dispatcher: Filter<AirFrame, AirFrame | null, ServiceEnvelope, ServiceEnvelope | null>;
  readonly collaborationService: Stage<ServiceEnvelope, ServiceEnvelope | null>;
}

export interface CreateBesOptions {
  /** Same seed, same keys, same bytes, same trace. */
  readonly seed: Seed;
  /** Default: a new `VirtualClock` at 0. */
  readonly clock?: Clock;
  readonly config?: BesConfigInput;
  /** The users: their Sametime password, permission and activation password. */
  readonly users?: readonly BesUserInput[];
  /** Receives every hop's trace events. */
  readonly observe?: TraceObserver;
  /** The connectivity cache. Default: an `InMemorySessionStore`. */
  readonly sessions?: SessionStore;
  /** Who may use which client. Default: from `users[].collaboration`, for the backend's client. */
  readonly permissions?: PermissionStore;
  /** The simulated Sametime server's options (ignored with `backend`). */
  readonly sametime?: SimulatedSametimeOptions;
  /** An IM backend in place of the Sametime adapter and simulated server (another IM server, a fault model). */
  readonly backend?: (context: BackendContext) => ImBackend;
  /**
   * Arranges the path from the Router to the Collaboration Service. Default:
   * `chain(router, chain(dispatcher, collaborationService))`.
   */
  readonly compose?: (hops: BesHops) => Stage<AirFrame, AirFrame | null>;
}

export interface ActivateDeviceRequest {
  /** The device PIN, eight hex digits (`2100000A`). */
  readonly pin: string;
  readonly userId: string;
  readonly activationPassword: string;
}

export type ActivateDeviceResult =
  | { readonly ok: true; readonly device: Device }
  | { readonly ok: false; readonly code: ActivationFailure; readonly attemptsLeft: number };

/**
 * One BlackBerry Enterprise Server with its Router, Dispatcher, Collaboration Service, Configuration
 * Database (config, session and permission stores) and a Sametime server behind it.
 */
export class Bes {
  readonly clock: Clock;
  readonly config: BesConfig;
  readonly router: BlackBerryRouter;
  readonly collaborationService: CollaborationService;
  readonly backend: ImBackend;
  /** The simulated Sametime server, unless a `backend` was given. */
  readonly sametime: SametimeServer | undefined;
  readonly sessions: SessionStore;
  readonly permissions: PermissionStore;
  readonly #observe: TraceObserver;
  readonly #links = new DeviceLinks();
  readonly #activation: EnterpriseActivation;
  readonly #uplink: Stage<AirFrame, AirFrame | null>;
  readonly #devices = new Map<string, Device>();

  constructor(options: CreateBesOptions) {
    const config = parseBesConfig(options.config);
    const users = parseBesUsers(options.users);
    const random = createRandom(options.seed);
    const clock = options.clock ?? new VirtualClock();
    const observe = options.observe ?? ignoreTrace;
    this.clock = clock;
    this.config = config;
    this.#observe = observe;
    this.sessions = options.sessions ?? new InMemorySessionStore();

    const activationPasswords = new Map(users.map((u) => [u.userId, u.activationPassword ?? u.password]));
    this.#activation = new EnterpriseActivation({
      random: random.fork('activation'),
      activationPasswordOf: (userId) => activationPasswords.get(userId),
    });

    if (options.backend === undefined) {
      const simulated = options.sametime ?? {};
      this.sametime = new SametimeServer({
        clock,
        random: random.fork('sametime-server'),
        capacity: simulated.capacity ?? config.sametime.sessionLimit,
        users: users.map((u) => [u.userId, u.password] as const),
        host: config.sametime.host,
        port: config.sametime.port,
        // Without an observer the server and the adapter build no trace events at all.
        ...(options.observe === undefined ? {} : { observe }),
        ...(simulated.latencyMs === undefined ? {} : { latencyMs: simulated.latencyMs }),
        ...(simulated.fault === undefined ? {} : { fault: simulated.fault }),
      });
      this.backend = new SametimeAdapter({
        connector: this.sametime.connector(simulated.capture === undefined ? {} : { capture: simulated.capture }),
        clock,
        random: random.fork('sametime-adapter'),
        host: config.sametime.host,
        port: config.sametime.port,
        sessionLimit: config.sametime.sessionLimit,
        loginTimeoutMs: config.sametime.loginTimeoutMs,
        ...(options.observe === undefined ? {} : { observe }),
      });
    } else {
      this.sametime = undefined;
      this.backend = options.backend({ clock, random: random.fork('backend'), config, observe });
    }

    const client = this.backend.client;
    this.permissions =
      options.permissions ??
      new InMemoryPermissionStore(users.filter((u) => u.collaboration).map((u) => ({ userId: u.userId, clients: [client] })));

    this.collaborationService = new CollaborationService({
      clock,
      observe,
      config,
      sessions: this.sessions,
      permissions: this.permissions,
      backend: this.backend,
      links: this.#links,
    });
    this.router = new BlackBerryRouter({ clock, observe, port: config.srpPort });
    this.router.onCoverageChange((pin, inCoverage) => this.collaborationService.coverageChanged(pin, inCoverage));
    const hops: BesHops = {
      router: this.router.relay,
      dispatcher: createDispatcher({
        clock,
        observe,
        links: this.#links,
        location: config.collaborationService,
        srpPort: config.srpPort,
        servicePort: config.collaborationServicePort,
      }),
      collaborationService: this.collaborationService.stage,
    };
    this.#uplink = options.compose?.(hops) ?? chain(hops.router, chain(hops.dispatcher, hops.collaborationService));
  }

  /**
   * Enterprise activation: the device proves its user's activation password and comes away with a
   * transport key shared with this BES only. Re-activating a PIN renews its key.
   */
  activateDevice(request: ActivateDeviceRequest): ActivateDeviceResult {
    const result = this.#activation.activate(request);
    this.#observe({
      at: this.clock.now(),
      hop: 'device',
      direction: 'request',
      action: 'activation',
      pin: request.pin,
      outcome: result.ok ? 'activated' : result.code,
    });
    if (!result.ok) return result;
    this.#links.register(result.pin, result.serverKey);
    const device = new Device({
      pin: result.pin,
      key: result.deviceKey,
      clock: this.clock,
      observe: this.#observe,
      coverage: this.router,
      uplink: this.#uplink,
      client: this.backend.client,
    });
    this.#devices.set(result.pin, device);
    return { ok: true, device };
  }

  /** The device activated with this PIN, if any. */
  device(pin: string): Device | undefined {
    return this.#devices.get(pin);
  }
}

/** Builds a BES and everything behind it. A bad config or user list throws `ConfigError` naming the field. */
export function createBes(options: CreateBesOptions): Bes {
  return new Bes(options);
}
