import { FrameError } from '../crypto/frame-error.js';
import { FrameKind } from '../crypto/frame-kind.js';
import { SealedLink } from '../crypto/sealed-link.js';
import type { TransportKey } from '../crypto/transport-key.js';
import type { Clock } from '../time/clock.js';
import type { AirFrame } from './air-frame.js';
import { deviceLinkId } from './device-links.js';
import {
  decodeDeviceMessage,
  deviceMessage,
  encodeDeviceMessage,
  messageName,
  type DeviceMessage,
  type DeviceMessageKind,
  type DeviceMessageOf,
} from './device-message.js';
import type { LoginReply, LogoutReply, StatusReply } from './login-status.js';
import { PipelineError } from './pipeline-error.js';
import type { Stage } from './stage.js';
import type { TraceObserver } from './trace.js';
import type { ImPresence } from './im-backend.js';

/** The radio network as a device sees it: whether it is in coverage, and changes to that. */
export interface Coverage {
  inCoverage(pin: string): boolean;
  setCoverage(pin: string, inCoverage: boolean): Promise<void>;
}

export interface DeviceOptions {
  readonly pin: string;
  /** The device's copy of its transport key, from enterprise activation. */
  readonly key: TransportKey;
  readonly clock: Clock;
  readonly observe: TraceObserver;
  readonly coverage: Coverage;
  /** The path to the BES: the Router and everything behind it. */
  readonly uplink: Stage<AirFrame, AirFrame | null>;
  /** The collaboration client a login is for when the credentials name none. Default `sametime`. */
  readonly client?: string;
}

export interface Credentials {
  readonly userId: string;
  readonly password: string;
  /** The collaboration client logging in. Default: the device's (`sametime`). */
  readonly client?: string;
}

/**
 * A BlackBerry device running a collaboration client (steps 1-2): compresses, then encrypts what the
 * user types under its transport key and sends it through the Router; opens the reply the same way.
 * Out of coverage it sends nothing. A reply it cannot open is discarded (`no-response`).
 */
export class Device {
  readonly pin: string;
  readonly #link: SealedLink;
  readonly #clock: Clock;
  readonly #observe: TraceObserver;
  readonly #coverage: Coverage;
  readonly #uplink: Stage<AirFrame, AirFrame | null>;
  readonly #client: string;

  constructor(options: DeviceOptions) {
    this.pin = options.pin;
    this.#link = new SealedLink({ key: options.key, linkId: deviceLinkId(options.pin), sends: 'uplink' });
    this.#clock = options.clock;
    this.#observe = options.observe;
    this.#coverage = options.coverage;
    this.#uplink = options.uplink;
    this.#client = options.client ?? 'sametime';
  }

  get inCoverage(): boolean {
    return this.#coverage.inCoverage(this.pin);
  }

  /** The device leaves or regains coverage; the Router reports it to the BES. */
  setCoverage(inCoverage: boolean): Promise<void> {
    return this.#coverage.setCoverage(this.pin, inCoverage);
  }

  /** Step 1: the user logs in to the collaboration client. */
  async login(credentials: Credentials): Promise<LoginReply> {
    const request = deviceMessage(FrameKind.loginRequest, {
      userId: credentials.userId,
      password: credentials.password,
      client: credentials.client ?? this.#client,
    });
    const reply = await this.#exchange(request, FrameKind.loginReply);
    return typeof reply === 'string' ? { status: reply } : reply;
  }

  /** A status message (available, away, busy): keeps the session from counting as idle. */
  async sendStatus(presence: ImPresence): Promise<StatusReply> {
    const reply = await this.#exchange(deviceMessage(FrameKind.statusUpdate, { presence }), FrameKind.statusReply);
    return typeof reply === 'string' ? { status: reply } : reply;
  }

  /** Logs out of the collaboration client: the BES closes the session at the IM server. */
  async logout(): Promise<LogoutReply> {
    const reply = await this.#exchange(deviceMessage(FrameKind.logout, {}), FrameKind.logoutReply);
    return typeof reply === 'string' ? { status: reply } : reply;
  }

  async #exchange<K extends DeviceMessageKind>(
    request: DeviceMessage,
    replyKind: K,
  ): Promise<DeviceMessageOf<K> | 'out-of-coverage' | 'no-response'> {
    const pin = this.pin;
    const message = messageName(request.kind);
    if (!this.inCoverage) {
      this.#observe({ at: this.#clock.now(), hop: 'device', direction: 'request', action: 'not-sent', pin, message, outcome: 'out-of-coverage' });
      return 'out-of-coverage';
    }
    const bytes = this.#link.seal(request.kind, encodeDeviceMessage(request));
    this.#observe({ at: this.#clock.now(), hop: 'device', direction: 'request', action: 'sent', pin, message, bytes: bytes.length, sealed: true, compressed: true });
    const reply = await this.#uplink({ pin, bytes });
    if (reply === null) {
      this.#observe({ at: this.#clock.now(), hop: 'device', direction: 'reply', action: 'timed-out', pin, message, outcome: 'no-response' });
      return 'no-response';
    }
    try {
      const { header, payload } = this.#link.open(reply.bytes);
      const opened = decodeDeviceMessage(header.kind, payload, 'device');
      if (opened.kind !== replyKind) {
        throw new PipelineError('malformed-message', `expected a ${messageName(replyKind)}, got a ${messageName(opened.kind)}`, { hop: 'device' });
      }
      const body = opened.body as DeviceMessageOf<K>;
      const status = (body as { status?: string }).status;
      this.#observe({ at: this.#clock.now(), hop: 'device', direction: 'reply', action: 'opened', pin, message: messageName(opened.kind), bytes: reply.bytes.length, sealed: true, compressed: true, ...(status === undefined ? {} : { outcome: status }) });
      return body;
    } catch (error) {
      if (!(error instanceof FrameError || error instanceof PipelineError)) throw error;
      this.#observe({ at: this.#clock.now(), hop: 'device', direction: 'reply', action: 'discarded', pin, bytes: reply.bytes.length, sealed: true, outcome: error.code });
      return 'no-response';
    }
  }
}
