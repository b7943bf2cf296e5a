import type { ImBackend, ImLoginRequest } from '../../pipeline/im-backend.js';
import type { TraceObserver } from '../../pipeline/trace.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';
import { PasswordSealer } from '../auth/password-sealer.js';
import { checkCount } from '../errors.js';
import type { SametimeConnector } from '../link/sametime-link.js';
import { SAMETIME_PORT } from '../server/sametime-server.js';
import { DEFAULT_MAX_FRAME_LENGTH } from '../wire/frame.js';
import { LoginType } from '../wire/login-type.js';
import type { AdapterContext, AdapterTraceFields } from './adapter-context.js';
import { LoginWatchdog } from './login-watchdog.js';
import { attemptLogin, type SametimeLoginResult } from './login-attempt.js';

export interface SametimeAdapterOptions {
  /** How connections to the Sametime server are made (`SametimeServer.connector()` in process). */
  readonly connector: SametimeConnector;
  readonly clock: Clock;
  /** Draws the adapter's Diffie-Hellman private value (once) and the RC2/40 key of each login that uses it. */
  readonly random: Random;
  readonly host: string;
  /** Default 1533. */
  readonly port?: number;
  /** "The total number of sessions the Sametime API supports", for the Collaboration Service's admission. */
  readonly sessionLimit: number;
  /**
   * How long a login may wait for the server, on `clock`. Default 30,000. One sleeper on the clock
   * serves every login in flight and is cancelled when none is; `Infinity` turns the timeout off.
   */
  readonly loginTimeoutMs?: number;
  /** Receives `sametime-adapter` trace events: connect, each frame sent and received, the outcome. */
  readonly observe?: TraceObserver;
  /** The login type announced in HANDSHAKE and LOGIN. Default 0x1003 (Java application). */
  readonly loginType?: number;
  /** The local host name HANDSHAKE carries. Default `bes-collaboration`. */
  readonly localHost?: string;
  /** The local IPv4 address HANDSHAKE carries, as a u32. Default 127.0.0.1. */
  readonly localAddress?: number;
  /** The largest frame accepted from the server. Default 64 KiB. */
  readonly maxFrameLength?: number;
}

/**
 * The Collaboration Service's Sametime backend: each login opens a dedicated connection, speaks the
 * Sametime community protocol on it (HANDSHAKE, LOGIN) and maps the answer to an `ImLoginResult`.
 * The password goes as real clients send it: DH-RC2/128 (auth type 0x0004) when the server offers
 * a 64-byte Diffie-Hellman key, RC2/40 (0x0002) otherwise. It never crosses the link, a trace or an
 * error in the clear.
 */
export class SametimeAdapter implements ImBackend {
  readonly client = 'sametime';
  readonly host: string;
  readonly port: number;
  readonly sessionLimit: number;
  readonly loginTimeoutMs: number;
  readonly #ctx: AdapterContext;
  readonly #sealer: PasswordSealer;

  constructor(options: SametimeAdapterOptions) {
    this.host = options.host;
    this.port = checkCount('port', options.port ?? SAMETIME_PORT, 1);
    this.sessionLimit = checkCount('sessionLimit', options.sessionLimit, 0, true);
    this.loginTimeoutMs = checkCount('loginTimeoutMs', options.loginTimeoutMs ?? 30_000, 0, true);
    this.#sealer = new PasswordSealer(options.random);
    const { clock, observe } = options;
    const port = this.port;
    this.#ctx = {
      connector: options.connector,
      clock,
      host: this.host,
      port,
      watchdog:
        this.loginTimeoutMs === Number.POSITIVE_INFINITY ? undefined : new LoginWatchdog(clock, this.loginTimeoutMs),
      loginType: options.loginType ?? LoginType.javaApplication,
      localHost: options.localHost ?? 'bes-collaboration',
      localAddress: options.localAddress ?? 0x7f00_0001,
      maxFrameLength: checkCount('maxFrameLength', options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH, 16),
      sealer: this.#sealer,
      trace:
        observe === undefined
          ? undefined
          : (fields: AdapterTraceFields): void => observe({ at: clock.now(), hop: 'sametime-adapter', port, ...fields }),
    };
  }

  /** The adapter's Diffie-Hellman public value, sent in every DH-RC2/128 LOGIN: one key pair for all of them. */
  get publicKey(): Uint8Array {
    return this.#sealer.publicKey;
  }

  /** Diffie-Hellman key agreements so far: one per distinct server key, not one per login. */
  get keyAgreements(): number {
    return this.#sealer.keyAgreements;
  }

  /** An `ImLoginResult` whose session is a `SametimeSession` (keepalives, user id). Never rejects. */
  login(request: ImLoginRequest): Promise<SametimeLoginResult> {
    return attemptLogin(this.#ctx, request);
  }
}
