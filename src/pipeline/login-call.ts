import type { Clock } from '../time/clock.js';
import type { ImLoginRequest } from './im-request.js';
import { PipelineError } from './pipeline-error.js';

/**
 * The Collaboration Service's login request to its backend: it carries the service's deadline, and
 * an AbortSignal made only if the backend reads it (making one costs microseconds, a tenth of a
 * login here), aborted at the deadline. `settled()` takes the signal's timer off the clock.
 */
class LoginCall implements ImLoginRequest {
  readonly kind = 'login';
  readonly pin: string;
  readonly userId: string;
  readonly password: string;
  readonly deadline: number;
  readonly #clock: Clock;
  #controller: AbortController | undefined;
  #cancelTimer: (() => void) | undefined;

  constructor(request: Omit<ImLoginRequest, 'kind'>, clock: Clock, timeoutMs: number) {
    this.pin = request.pin;
    this.userId = request.userId;
    this.password = request.password;
    this.#clock = clock;
    this.deadline = Math.min(clock.now() + timeoutMs, request.deadline ?? Number.POSITIVE_INFINITY);
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const wait = Math.max(0, this.deadline - this.#clock.now());
      this.#cancelTimer = this.#clock.timer(wait, () => {
        this.#cancelTimer = undefined;
        controller.abort(new PipelineError('backend-timeout', 'the Collaboration Service gave up on the login'));
      });
    }
    return this.#controller.signal;
  }

  settled(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }
}

/** A login request under the service's deadline; call `settled()` once it has answered. */
export function loginCall(
  request: Omit<ImLoginRequest, 'kind'>,
  clock: Clock,
  timeoutMs: number,
): ImLoginRequest & { settled(): void } {
  return new LoginCall(request, clock, timeoutMs);
}

/**
 * Whether `request` is the Collaboration Service's own login, whose signal aborts only at its
 * `deadline`, never before: a backend that gives a login up earlier by itself need not read the
 * signal, and so makes no AbortController for it.
 */
export function abortsOnlyAtDeadline(request: object): boolean {
  return request instanceof LoginCall;
}
