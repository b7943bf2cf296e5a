import { parseBesConfig, type BesConfig } from '../config/bes-config.js';
import { numericOption } from '../config/numeric-option.js';
import { FrameKind } from '../crypto/frame-kind.js';
import type { PermissionStore } from '../session/permission-store.js';
import type { SessionStore } from '../session/session-store.js';
import type { Clock } from '../time/clock.js';
import { AdmissionSlots } from './admission-slots.js';
import type { DeviceRequest } from './air-frame.js';
import type { CoveragePort } from './coverage.js';
import { CoverageRecorder } from './coverage-recorder.js';
import { messageName, type DeviceMessage } from './device-message.js';
import type { ImBackend } from './im-backend.js';
import type { ImEvent, ImReply, ImRequest } from './im-request.js';
import { InactivitySweep } from './inactivity-sweep.js';
import { InstanceUpkeep } from './instance-upkeep.js';
import { ServiceDeadlines } from './service-deadlines.js';
import { storeAnswersAtOnce } from './store-answers-at-once.js';
import { ServiceFailures } from './service-failure.js';
import { serviceLogin } from './service-login.js';
import { serviceSessionRequests } from './service-session-requests.js';
import { SessionRegistry } from './session-registry.js';
import { layer, NOTHING_CAME_BACK, type Layer } from './stage.js';
import type { Tracer } from './trace.js';

/**
 * What the Collaboration Service is built with: the BES clock and configuration, the Configuration Database's
 * stores, coverage, the backend's description and tracers.
 */
export interface CollaborationServiceOptions {
  /** The BES clock: store and backend deadlines, reservation leases, idle and inactivity timeouts. */
  readonly clock: Clock;
  /** The BES configuration with its defaults filled in. */
  readonly config: BesConfig;
  /** This instance's id in the Configuration Database. */
  readonly instanceId: string;
  /** The connectivity cache: sessions, logins under way and closes. */
  readonly sessions: SessionStore;
  /** Who may use which collaboration client. */
  readonly permissions: PermissionStore;
  /** The Router's coverage, read when a session is cached. */
  readonly coverage: CoveragePort;
  /** What the IM backend serves and supports; the backend itself is wired in by `pipe`. */
  readonly backend: {
    /** The collaboration client it serves (`sametime`): the permission the store is asked about. */
    readonly client: string;
    /** The backend's hop name in traces and errors (`sametime-adapter`). */
    readonly hop: string;
    /** Sessions the IM server's API supports: the Failed rule when there is no maximum. */
    readonly sessionLimit: number;
    /** The backend's stage: put straight behind the service, its own timeouts are trusted. */
    readonly serve?: ImBackend['serve'];
    /** The longest the backend takes to answer, by its own timeouts (`ImBackend.answersWithinMs`). */
    readonly answersWithinMs?: number | undefined;
  };
  /** The service's own tracer (`collaboration-service`). */
  readonly tracer: Tracer;
  /** The backend's tracer, for failures it is blamed for. */
  readonly backendTracer: Tracer;
}

/**
 * The BlackBerry Collaboration Service (steps 4 and 6), the hop between the Dispatcher and the IM
 * backend. It keeps the pieces that hold its state (admission slots, the session registry, the
 * inactivity sweep, the coverage recorder) and routes each device message to the one that
 * answers it. As a hop it is a `Layer`: it is built around the backend once, because it also asks
 * the backend on its own (idle and inactivity logouts).
 */
export class CollaborationService {
  readonly #registry: SessionRegistry;
  readonly #slots: AdmissionSlots;
  readonly #sweep: InactivitySweep;
  readonly #coverageRecorder: CoverageRecorder;
  readonly #upkeep: InstanceUpkeep;
  readonly #stopWatching: (() => void) | undefined;
  readonly #tracer: Tracer;
  readonly #failures: ServiceFailures;
  readonly #port: number;
  readonly #login: ReturnType<typeof serviceLogin>;
  readonly #requests: ReturnType<typeof serviceSessionRequests>;
  readonly #deadlines: ServiceDeadlines;
  readonly #backend: CollaborationServiceOptions['backend'];

  /** A `config` or backend `sessionLimit` that does not validate throws `ConfigError` naming it, as `createBes` does. */
  constructor(options: CollaborationServiceOptions) {
    const { clock, sessions, permissions, coverage, backend, tracer } = options;
    // Checked again here for a service built by hand; createBes passes one already checked.
    const config = parseBesConfig(options.config);
    numericOption('CollaborationService', 'sessionLimit', backend.sessionLimit, { min: 0, infinite: true });
    const owner = options.instanceId;
    const failures = new ServiceFailures(tracer, options.backendTracer);
    const deadlines = new ServiceDeadlines(clock, {
      storeTimeoutMs: config.storeTimeoutMs,
      backendTimeoutMs: config.backendTimeoutMs,
      backendHop: backend.hop,
      sessionsAnswerAtOnce: storeAnswersAtOnce(sessions),
      permissionsAnswerAtOnce: storeAnswersAtOnce(permissions),
    });
    this.#tracer = tracer;
    this.#failures = failures;
    this.#deadlines = deadlines;
    this.#backend = backend;
    this.#port = config.collaborationServicePort;
    const registry = new SessionRegistry({
      clock,
      sessions,
      coverage,
      owner,
      client: backend.client,
      backendHop: backend.hop,
      deadlines,
      closePollMs: config.closePollMs,
      tracer,
      failures,
    });
    this.#registry = registry;
    this.#slots = new AdmissionSlots({
      config,
      clock,
      sessions,
      owner,
      sessionLimit: backend.sessionLimit,
      deadlines,
      tracer,
    });
    this.#sweep = new InactivitySweep({ config, clock, sessions, registry, deadlines, failures });
    this.#coverageRecorder = new CoverageRecorder(sessions, coverage, deadlines, failures);
    this.#stopWatching = sessions.watchCloses?.(owner, registry.closeRequested);
    this.#upkeep = new InstanceUpkeep({
      clock,
      sessions,
      registry,
      owner,
      leaseMs: config.instanceLeaseMs,
      pollMs: sessions.watchCloses === undefined ? config.closePollMs : undefined,
      deadlines,
      failures,
      tracer,
    });
    this.#login = serviceLogin({
      sessions,
      permissions,
      registry,
      slots: this.#slots,
      coverage,
      coverageRecorder: this.#coverageRecorder,
      deadlines,
      failures,
      tracer,
      client: backend.client,
    });
    this.#requests = serviceSessionRequests({ clock, sessions, registry, deadlines, failures, tracer, owner });
  }

  /** Logins admitted here and still under way: they hold a slot but are not cached yet. */
  get loginsUnderWay(): number {
    return this.#slots.underWay;
  }

  /** Closes whose IM half is done but whose end the store has not confirmed (a store failure); ended at the next message. */
  get unfinishedCloses(): number {
    return this.#registry.unfinishedCloses;
  }

  /**
   * Stops what this instance does on its clock by itself (lease renewal, looking for closes), and
   * stops listening to the store. Open sessions stay as they are.
   */
  stop(): void {
    this.#upkeep.stop();
    this.#stopWatching?.();
  }

  /** Sessions whose IM server connection is open through this service. */
  get openSessions(): number {
    return this.#registry.openSessions;
  }

  /**
   * BES 5's inactivity timeout, applied now: logs out every session with no status message for
   * `inactivityTimeoutMs`. It also runs by itself as messages arrive (at most once per virtual
   * second). Returns how many it closed; a store failure rejects with `PipelineError('store-failed')`.
   */
  closeInactive(): Promise<number> {
    return this.#sweep.closeInactive();
  }

  /** The Router's port: a device came into or left coverage. */
  readonly coverageChanged = (pin: string): Promise<void> => this.#coverageRecorder.record(pin);

  /** The backend's event port: what the IM server started on its own. */
  readonly imEvent = (event: ImEvent): void => {
    if (event.kind === 'session-closed') {
      // Nobody waits on a close the server starts: a store failure is reported, and the record
      // goes when the device next talks or the session is logged out as idle.
      this.#registry
        .serverClosed(event.connectionId)
        .catch((error: unknown) => this.#failures.report(event.pin || undefined, error));
    } else if (this.#tracer.on) {
      this.#tracer.emit({ direction: 'reply', action: 'server-message', pin: event.pin, outcome: event.connectionId });
    }
  };

  /** The service as a hop between the Dispatcher and the IM backend. */
  readonly layer: Layer<DeviceRequest, DeviceMessage | null, ImRequest, ImReply> = layer((backend) => {
    this.#registry.wire(backend);
    // Straight onto the backend, with no stage between that could hold a request up: the backend's
    // own timeouts bound every call. Anything else in between keeps the service's deadline.
    if (backend === this.#backend.serve) this.#deadlines.backendAnswersWithin(this.#backend.answersWithinMs);
    this.#upkeep.start();
    const service = this;
    return function collaborationService(request) {
      return service.#handle(request);
    };
  });

  /** Answers one opened device message; `null` for a message the BES does not answer. */
  #handle({ pin, message }: DeviceRequest): Promise<DeviceMessage | null> {
    if (this.#tracer.on)
      this.#tracer.emit({
        direction: 'request',
        action: 'received',
        pin,
        port: this.#port,
        message: messageName(message.kind),
      });
    // Not async when there is nothing to do first: the answer is a `.then` of the request's own call.
    if (this.#sweep.enabled || this.#registry.unfinishedCloses > 0) return this.#answerAfterUpkeep(pin, message);
    return this.#answer(pin, message);
  }

  /** The inactivity rule and the closes the store did not confirm come first, then the answer. */
  async #answerAfterUpkeep(pin: string, message: DeviceMessage): Promise<DeviceMessage | null> {
    if (this.#sweep.enabled) await this.#sweep.onMessage(pin);
    if (this.#registry.unfinishedCloses > 0) await this.#registry.finishUnfinished();
    return await this.#answer(pin, message);
  }

  #answer(pin: string, message: DeviceMessage): Promise<DeviceMessage | null> {
    switch (message.kind) {
      case FrameKind.loginRequest:
        return this.#login(pin, message.body);
      case FrameKind.statusUpdate:
        return this.#requests.status(pin, message.body);
      case FrameKind.logout:
        return this.#requests.logout(pin);
      default:
        if (this.#tracer.on)
          this.#tracer.emit({
            direction: 'request',
            action: 'discarded',
            pin,
            message: messageName(message.kind),
            outcome: 'not-a-request',
          });
        return NOTHING_CAME_BACK;
    }
  }
}
