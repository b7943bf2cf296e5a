import type { Clock } from '../time/clock.js';
import { microtask } from '../time/microtask.js';
import { TimeoutWatchdog, type Watched } from '../time/timeout-watchdog.js';
import { PipelineError } from './pipeline-error.js';

/** The calls of one kind (store or backend): their watchdog, and the calls started since the last arming. */
class DeadlineKind {
  readonly watchdog: TimeoutWatchdog;
  readonly timeoutMs: number;
  readonly #code: 'store-timeout' | 'backend-timeout';
  readonly #hop: string;
  #fresh: DeadlineCall<unknown>[] = [];

  constructor(clock: Clock, timeoutMs: number, code: 'store-timeout' | 'backend-timeout', hop: string) {
    this.watchdog = new TimeoutWatchdog(clock, timeoutMs);
    this.timeoutMs = timeoutMs;
    this.#code = code;
    this.#hop = hop;
  }

  timeout(what: string): PipelineError {
    const message =
      this.#code === 'store-timeout'
        ? `the store did not answer ${what} within ${this.timeoutMs} ms`
        : `the IM backend did not answer a ${what} request within ${this.timeoutMs} ms`;
    return new PipelineError(this.#code, message, { hop: this.#hop });
  }

  /**
   * Watches `call` from one microtask on, if it has not answered by then. The calls started in one
   * turn share that microtask: a store that answers at once puts nothing on the clock, and costs no
   * closure of its own.
   */
  arm(call: DeadlineCall<unknown>): void {
    if (this.#fresh.push(call) === 1) microtask(this.#armFresh);
  }

  readonly #armFresh = (): void => {
    const fresh = this.#fresh;
    this.#fresh = [];
    for (const call of fresh) call.watch();
  };
}

/** What a call rejects with for the error it met (a store call: that error itself, `asItIs`). */
type Naming = (error: unknown) => unknown;

function asItIs(error: unknown): unknown {
  return error;
}

/** A call in flight under a deadline: it settles `work`'s way, or times out. */
class DeadlineCall<T> implements Watched {
  deadline = 0;
  readonly #kind: DeadlineKind;
  readonly #what: string;
  readonly #named: Naming;
  #settled = false;
  #watched = false;
  #resolve!: (value: T) => void;
  #reject!: (error: unknown) => void;
  readonly promise: Promise<T>;

  constructor(kind: DeadlineKind, work: Promise<T>, what: string, named: Naming) {
    this.#kind = kind;
    this.#what = what;
    this.#named = named;
    this.promise = new Promise<T>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    work.then(
      (value) => this.#settle() && this.#resolve(value),
      (error: unknown) => this.#settle() && this.#reject(this.#named(error)),
    );
    kind.arm(this as DeadlineCall<unknown>);
  }

  /** Puts the call under its kind's watchdog, unless it has answered already. */
  watch(): void {
    if (this.#settled) return;
    this.#watched = true;
    this.#kind.watchdog.watch(this);
  }

  expire(): void {
    this.#settled = true;
    this.#reject(this.#named(this.#kind.timeout(this.#what)));
  }

  /** False if the call has timed out already. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#watched) this.#kind.watchdog.unwatch(this);
    return true;
  }
}

/**
 * The Collaboration Service's deadlines on the BES clock: every call to a store and to the IM
 * backend answers within its time or rejects with `PipelineError('store-timeout' | 'backend-timeout')`,
 * so a store or backend that never answers can hold up one request, never the BES. One sleeper
 * per kind of call serves every call in flight (`TimeoutWatchdog`).
 */
export class ServiceDeadlines {
  readonly storeTimeoutMs: number;
  readonly backendTimeoutMs: number;
  readonly #store: DeadlineKind;
  readonly #backend: DeadlineKind;
  readonly #sessionsAnswerAtOnce: boolean;
  readonly #permissionsAnswerAtOnce: boolean;
  /** The backend's own timeouts end every call before `backendTimeoutMs` would (`backendAnswersWithin`). */
  #backendKeepsTime = false;

  constructor(
    clock: Clock,
    options: {
      storeTimeoutMs: number;
      backendTimeoutMs: number;
      backendHop: string;
      /** The session store answers every call at once (`storeAnswersAtOnce`): its calls need no deadline. */
      sessionsAnswerAtOnce?: boolean;
      /** The same, of the permission store. */
      permissionsAnswerAtOnce?: boolean;
    },
  ) {
    this.storeTimeoutMs = options.storeTimeoutMs;
    this.backendTimeoutMs = options.backendTimeoutMs;
    this.#store = new DeadlineKind(clock, options.storeTimeoutMs, 'store-timeout', 'collaboration-service');
    this.#backend = new DeadlineKind(clock, options.backendTimeoutMs, 'backend-timeout', options.backendHop);
    this.#sessionsAnswerAtOnce = options.sessionsAnswerAtOnce === true;
    this.#permissionsAnswerAtOnce = options.permissionsAnswerAtOnce === true;
  }

  /** A session store call, answered within `storeTimeoutMs`. `what` names the call in the error. */
  store<T>(work: Promise<T>, what: string): Promise<T> {
    return this.#sessionsAnswerAtOnce ? work : new DeadlineCall(this.#store, work, what, asItIs).promise;
  }

  /** A permission store call, answered within `storeTimeoutMs`. */
  permission<T>(work: Promise<T>, what: string): Promise<T> {
    return this.#permissionsAnswerAtOnce ? work : new DeadlineCall(this.#store, work, what, asItIs).promise;
  }

  /**
   * The backend straight behind the service answers every call within `ms` by its own timeouts
   * (`ImBackend.answersWithinMs`; undefined if it does not say). Within `backendTimeoutMs`, its
   * calls need no deadline here, which would never be the first to end one: no promise, no watch
   * and no clock timer of its own per call.
   */
  backendAnswersWithin(ms: number | undefined): void {
    this.#backendKeepsTime = ms !== undefined && ms >= 0 && ms <= this.backendTimeoutMs;
  }

  /**
   * A backend call, answered within `backendTimeoutMs`. `named` gives what it rejects with for the
   * error it met, the backend's own or the timeout, so the caller needs no `.catch` of its own.
   */
  backend<T>(work: Promise<T>, what: string, named: Naming): Promise<T> {
    if (!this.#backendKeepsTime) return new DeadlineCall(this.#backend, work, what, named).promise;
    return work.then(undefined, (error: unknown) => {
      throw named(error);
    });
  }
}
