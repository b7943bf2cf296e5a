import type { LoginStatus } from '../pipeline/login-status.js';
import type { TraceEvent } from '../pipeline/trace.js';
import type { LoginTrace } from './result.js';

/**
 * Keeps the trace events of one login: from the device sending its login request to the device
 * showing the reply, with the Sametime server's events in between (they carry no PIN). With no PIN
 * given it keeps the first login of the run. On the virtual clock with no link latency a login runs
 * to its end before another device wakes, so the events in that window are all this login's.
 */
export class LoginRecorder {
  #pin: string | undefined;
  #events: TraceEvent[] | undefined;
  #trace: LoginTrace | undefined;
  #linkId: string | undefined;
  readonly #userOf: (pin: string) => string;

  constructor(pin: string | undefined, userOf: (pin: string) => string) {
    this.#pin = pin;
    this.#userOf = userOf;
  }

  get trace(): LoginTrace | undefined {
    return this.#trace;
  }

  /** The 1533 link the traced login opened (its dedicated connection), once the adapter has connected. */
  get linkId(): string | undefined {
    return this.#linkId;
  }

  observe(event: TraceEvent): void {
    if (this.#trace !== undefined) return;
    if (
      this.#linkId === undefined &&
      this.#events !== undefined &&
      (event.hop === 'sametime-adapter' || event.hop === 'groupwise-adapter') &&
      event.action === 'connected' &&
      event.pin === this.#pin
    ) {
      this.#linkId = event.outcome;
    }
    if (this.#events === undefined) {
      if (event.hop !== 'device' || event.message !== 'login-request') return;
      if (this.#pin !== undefined && event.pin !== this.#pin) return;
      this.#pin = event.pin;
      this.#events = [];
    }
    if (event.pin !== undefined && event.pin !== this.#pin) return;
    this.#events.push(event);
    if (event.hop === 'device' && (event.direction === 'reply' || event.action === 'not-sent')) {
      const pin = this.#pin!;
      this.#trace = { pin, userId: this.#userOf(pin), status: deviceStatus(event), events: this.#events };
    }
  }
}

function deviceStatus(event: TraceEvent): LoginStatus {
  if (event.action === 'opened') return event.outcome as LoginStatus;
  return event.action === 'not-sent' ? 'out-of-coverage' : 'no-response';
}
