import type { ImReply, ImRequest } from './im-request.js';
import { PipelineError } from './pipeline-error.js';
import type { ServiceDeadlines } from './service-deadlines.js';
import type { ServiceFailures } from './service-failure.js';
import type { Stage } from './stage.js';

export interface BackendCallsOptions {
  readonly client: string;
  readonly backendHop: string;
  readonly deadlines: ServiceDeadlines;
  readonly failures: ServiceFailures;
}

/**
 * How the Collaboration Service asks its IM backend: through the stages behind it in the pipe,
 * under its own deadline (`backendTimeoutMs`), with a backend that throws or answers the wrong
 * kind named as the backend's failure (`backend-failed`), never a store's.
 */
export class BackendCalls {
  readonly #o: BackendCallsOptions;
  #backend: Stage<ImRequest, ImReply> | undefined;

  constructor(options: BackendCallsOptions) {
    this.#o = options;
  }

  /** Connects to the rest of the pipe, once. */
  wire(backend: Stage<ImRequest, ImReply>): void {
    if (this.#backend !== undefined)
      throw new PipelineError('wired-twice', 'the Collaboration Service was put in a pipe twice');
    this.#backend = backend;
  }

  /**
   * One request under the deadline. A login the backend accepts after the deadline has passed is
   * closed again at once, so no session is left that nobody holds; `late` runs when a request that
   * timed out answers after all.
   */
  ask(request: ImRequest, late?: () => void): Promise<ImReply> {
    const backend = this.#backend;
    if (backend === undefined)
      return Promise.reject(
        new PipelineError('not-wired', 'the Collaboration Service is in no pipe: no IM backend behind it'),
      );
    let answer: Promise<ImReply>;
    try {
      answer = backend(request);
    } catch (error) {
      return Promise.reject(this.#failed(request, error));
    }
    // Not async, and no `.catch`: the deadline names a failure as it rejects, a promise less per call.
    return this.#o.deadlines.backend(answer, request.kind, (error) => this.#named(request, answer, error, late));
  }

  /**
   * What a request that failed rejects with: a timeout as it is (a login that answers after all is
   * closed again), a `next()` called twice as it is, anything else as the backend's failure.
   */
  #named(request: ImRequest, answer: Promise<ImReply>, error: unknown, late: (() => void) | undefined): unknown {
    if (error instanceof PipelineError && error.code === 'backend-timeout') {
      answer.then(
        (reply) => {
          late?.();
          if (reply.kind === 'login' && reply.ok) this.#closeLateLogin(request, reply.connectionId);
        },
        () => late?.(),
      );
      return error;
    }
    if (error instanceof PipelineError && error.code === 'next-called-twice') return error;
    return this.#failed(request, error);
  }

  /** The error for a backend that answered `asked` with a reply of another kind. */
  misanswered(asked: string, got: string): PipelineError {
    return new PipelineError(
      'backend-failed',
      `the ${this.#o.client} backend answered a ${asked} request with a ${got} reply`,
      {
        hop: this.#o.backendHop,
      },
    );
  }

  /** A session the backend opened after the service gave up on it: closed, unseen by anyone. */
  #closeLateLogin(request: ImRequest, connectionId: string): void {
    this.ask({ kind: 'close', pin: request.pin, connectionId, reason: 'logout' }).catch((error: unknown) =>
      this.#o.failures.report(request.pin, error),
    );
  }

  #failed(request: ImRequest, error: unknown): PipelineError {
    return new PipelineError(
      'backend-failed',
      `the ${this.#o.client} backend threw instead of answering a ${request.kind} request`,
      {
        hop: this.#o.backendHop,
        cause: error,
      },
    );
  }
}
