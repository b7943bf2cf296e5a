import { ConfigError } from '../config/config-error.js';
import { optionalNumericOption } from '../config/numeric-option.js';
import type { BackendContext, BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import { SametimeAdapter } from './adapter/sametime-adapter.js';
import type { LinkCapture, SametimeConnector } from './link/sametime-link.js';
import { SametimeServer } from './server/sametime-server.js';
import { isSametimeFault, SAMETIME_FAULTS, type SametimeFault } from './server/server-fault.js';

/** The simulated Sametime server behind the adapter. */
export interface SametimeBackendOptions {
  /** Sessions the server holds at most. Default: `config.sametime.sessionLimit`. */
  readonly capacity?: number;
  /** One-way delay on the 1533 link, on the clock. Default 0. */
  readonly latencyMs?: number;
  /** A fault to inject: `refuse`, `close-mid-login`, `garbage`, `silent`. Default `none`. */
  readonly fault?: SametimeFault;
  /** Sees every byte on the 1533 link, both ways (a `PcapRecorder`'s `capture` writes them to a file). */
  readonly capture?: LinkCapture;
}

/** The default backend: the Sametime adapter, and the simulated Sametime server it reaches through bytes. */
export interface SametimeBackend extends ImBackend {
  readonly client: 'sametime';
  /** The Sametime adapter the Collaboration Service sends its requests to. */
  readonly adapter: SametimeAdapter;
  /** The simulated Sametime server behind it: its users, capacity, sessions and faults. */
  readonly server: SametimeServer;
}

/**
 * The adapter a Sametime backend puts last in the pipe: it reaches `config.sametime.host:port`
 * through `connector`, with the BES's session limit, login timeout, observer and event port.
 */
export function besSametimeAdapter(context: BackendContext, connector: SametimeConnector): SametimeAdapter {
  const { clock, random, config, observe, observes, events } = context;
  const settings = config.sametime;
  return new SametimeAdapter({
    connector,
    clock,
    random: random.fork('sametime-adapter'),
    host: settings.host,
    port: settings.port,
    sessionLimit: settings.sessionLimit,
    loginTimeoutMs: settings.loginTimeoutMs,
    events,
    ...(observe === undefined || !observes('sametime-adapter') ? {} : { observe }),
  });
}

/** What the Collaboration Service reads of a Sametime backend, from the adapter that is its last stage. */
export function asImBackend(adapter: SametimeAdapter): ImBackend & { readonly client: 'sametime' } {
  const { hop, sessionLimit, serve, answersWithinMs } = adapter;
  return { client: 'sametime', hop, sessionLimit, serve, answersWithinMs };
}

/** The options' own properties, checked: a bad one throws `ConfigError` naming it (`backend.fault`). */
function checkBackendOptions(given: SametimeBackendOptions): SametimeBackendOptions {
  const options: SametimeBackendOptions = Object.assign(Object.create(null), given);
  const field = (name: string, message: string): ConfigError =>
    new ConfigError(`invalid Sametime backend: backend.${name}: ${message}`, [`backend.${name}`]);
  if (options.fault !== undefined && !isSametimeFault(options.fault)) {
    throw field('fault', `must be one of ${SAMETIME_FAULTS.join(', ')}, got ${String(options.fault)}`);
  }
  for (const [name, rule] of [
    ['capacity', { min: 0, infinite: true }],
    ['latencyMs', { min: 0 }],
  ] as const) {
    try {
      optionalNumericOption('sametimeBackend', name, options[name], rule);
    } catch (error) {
      if (error instanceof ConfigError) throw field(name, error.message);
      throw error;
    }
  }
  return options;
}

/**
 * IBM Lotus Sametime as the BES's IM server: a simulated `SametimeServer` with the BES's users
 * registered, and the `SametimeAdapter` connecting to it on `config.sametime.host:port` through an
 * in-process link. The adapter is the pipe's last stage. A bad option (an unknown `fault`, a
 * `latencyMs` of NaN) throws `ConfigError` naming it, when called.
 */
export function sametimeBackend(given: SametimeBackendOptions = {}): BackendFactory<SametimeBackend> {
  const options = checkBackendOptions(given);
  return function sametime(context): SametimeBackend {
    const { clock, random, config, observe, observes, users } = context;
    const settings = config.sametime;
    const server = new SametimeServer({
      clock,
      random: random.fork('sametime-server'),
      capacity: options.capacity ?? settings.sessionLimit,
      users: (userId: string) => users.find(userId)?.password,
      host: settings.host,
      port: settings.port,
      ...(observe === undefined || !observes('sametime-server') ? {} : { observe }),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      ...(options.fault === undefined ? {} : { fault: options.fault }),
    });
    const adapter = besSametimeAdapter(
      context,
      server.connector(options.capture === undefined ? {} : { capture: options.capture }),
    );
    return Object.assign(asImBackend(adapter), { adapter, server });
  };
}
