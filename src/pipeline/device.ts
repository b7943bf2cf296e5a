import { wellFormedCredential } from '../crypto/credentials.js';
import { FrameKind } from '../crypto/frame-kind.js';
import type { DeviceAnswer, DeviceRequest } from './air-frame.js';
import type { RadioCoverage } from './coverage.js';
import { deviceMessage, type DeviceMessage } from './device-message.js';
import type { ImPresence } from './im-request.js';
import type { LoginReply, LogoutReply, StatusReply } from './login-status.js';
import type { Stage } from './stage.js';

/** What a device is made with: its PIN, the pipe, the Router's coverage and its default client. */
export interface DeviceOptions {
  /** The device PIN, eight hex digits. */
  readonly pin: string;
  /** The whole pipe, from the device hop to the IM server. */
  readonly pipe: Stage<DeviceRequest, DeviceAnswer>;
  /** The Router's coverage, which the device moves in and out of. */
  readonly coverage: RadioCoverage;
  /** The collaboration client a login is for when the credentials name none. */
  readonly client: string;
}

/** What the user types on the device to log in. */
export interface Credentials {
  /** The user id (the user's IM login name). */
  readonly userId: string;
  /** The user's IM password. */
  readonly password: string;
  /** The collaboration client logging in. Default: the BES backend's (`sametime`). */
  readonly client?: string;
}

/** The body of the reply, or the device's own status when no reply came. */
function bodyOf<R>(answer: DeviceAnswer): R {
  return (answer.ok ? answer.message.body : { status: answer.status }) as R;
}

/**
 * A BlackBerry device running a collaboration client, as its user holds it: log in, send status,
 * log out, move in and out of coverage. Every call goes through the whole pipe, starting at the
 * device hop, which seals what is sent and opens what comes back.
 */
export class Device {
  /** The device PIN, eight hex digits. */
  readonly pin: string;
  readonly #pipe: Stage<DeviceRequest, DeviceAnswer>;
  readonly #coverage: RadioCoverage;
  readonly #client: string;

  constructor(options: DeviceOptions) {
    this.pin = options.pin;
    this.#pipe = options.pipe;
    this.#coverage = options.coverage;
    this.#client = options.client;
  }

  /** Whether the device is in coverage now, as the Router knows it. */
  get inCoverage(): boolean {
    return this.#coverage.inCoverage(this.pin);
  }

  /** The device leaves or regains coverage; the Router reports it to the BES. */
  setCoverage(inCoverage: boolean): Promise<void> {
    return this.#coverage.set(this.pin, inCoverage);
  }

  /**
   * Step 1: the user logs in to the collaboration client. A user id or password that is not
   * well-formed Unicode (a lone surrogate) is refused at once, `authentication-failed` /
   * `malformed-credentials`, and nothing is sent.
   */
  login(credentials: Credentials): Promise<LoginReply> {
    // Not async (a promise less per login, as below): what it would throw, it rejects with.
    try {
      if (!wellFormedCredential(credentials.userId) || !wellFormedCredential(credentials.password)) {
        return Promise.resolve({ status: 'authentication-failed', reason: 'malformed-credentials' });
      }
      const message = deviceMessage(FrameKind.loginRequest, {
        userId: credentials.userId,
        password: credentials.password,
        client: credentials.client ?? this.#client,
      });
      return this.#send(message).then(bodyOf<LoginReply>);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** A status message (available, away, busy): keeps the session from counting as idle. */
  sendStatus(presence: ImPresence): Promise<StatusReply> {
    return this.#send(deviceMessage(FrameKind.statusUpdate, { presence })).then(bodyOf<StatusReply>);
  }

  /** Logs out of the collaboration client: the BES closes the session at the IM server. */
  logout(): Promise<LogoutReply> {
    return this.#send(deviceMessage(FrameKind.logout, {})).then(bodyOf<LogoutReply>);
  }

  #send(message: DeviceMessage): Promise<DeviceAnswer> {
    try {
      return this.#pipe({ pin: this.pin, message });
    } catch (error) {
      // A pipe of your own (`compose`) that throws rather than rejects: the caller sees a rejection.
      return Promise.reject(error);
    }
  }
}
