import type { BesDirectory } from '../bes-users.js';
import type { BesConfig } from '../config/bes-config.js';
import type { Random } from '../random/seeded-random.js';
import type { Clock } from '../time/clock.js';
import type { ImEventPort, ImReply, ImRequest } from './im-request.js';
import type { Stage } from './stage.js';
import type { TraceObserver } from './trace.js';

/**
 * The Collaboration Service's IM server, through its adapter: the last hop of the pipe. Sametime is
 * the default (`sametimeBackend()`); GroupWise Messenger or another server plugs in beside it.
 *
 * `serve` never throws for an expected outcome (wrong password, server full, unreachable, timeout):
 * those are `ImLoginFailure`s. It answers `close` idempotently and reports every close the server
 * starts through the context's `events`, once.
 */
export interface ImBackend {
  /** The collaboration client this backend serves, as the permission store names it (`sametime`). */
  readonly client: string;
  /** The adapter's hop name in traces (`sametime-adapter`). */
  readonly hop: string;
  /**
   * The total number of sessions the IM server's API supports: with no maximum configured, the
   * Collaboration Service answers **Failed** once this many sessions are open.
   */
  readonly sessionLimit: number;
  /** The adapter as a stage: login, status and close requests in, the server's answers out. */
  readonly serve: Stage<ImRequest, ImReply>;
  /**
   * Optional: the longest `serve` takes to answer or fail any request, by its own timeouts on the
   * BES clock (the Sametime adapter's login timeout). A Collaboration Service with `serve` straight
   * behind it, no stage between, and a `backendTimeoutMs` at least this long keeps no deadline of
   * its own over the calls: the backend's own ends each one first.
   */
  readonly answersWithinMs?: number | undefined;
}

/** What a backend factory is given to build its adapter (and, for a simulation, its server). */
export interface BackendContext {
  /** The BES clock the backend's timeouts and its server run on. */
  readonly clock: Clock;
  /** The BES's seeded generator: fork it under the backend's own labels (same seed, same bytes). */
  readonly random: Random;
  /** The BES configuration: the IM server's host, port, limits and login timeout. */
  readonly config: BesConfig;
  /** The BES's users (`find(userId)`): a simulated IM server knows them with their passwords. */
  readonly users: BesDirectory;
  /** Undefined when nobody observes: build no trace events. */
  readonly observe: TraceObserver | undefined;
  /** Whether `hop` is to report to `observe` (the BES's `observeHops`): a hop that is not builds no events. */
  readonly observes: (hop: string) => boolean;
  /** Where the backend reports sessions its server closed and messages its server sent. */
  readonly events: ImEventPort;
}

/** Builds a backend for one BES. The object it returns is `bes.backend`, typed as returned. */
export type BackendFactory<B extends ImBackend = ImBackend> = (context: BackendContext) => B;
