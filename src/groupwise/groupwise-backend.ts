import type { BackendContext, BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import type { LinkCapture } from '../sametime/link/sametime-link.js';
import type { KeepaliveMode } from './adapter/adapter-context.js';
import { GroupWiseAdapter } from './adapter/groupwise-adapter.js';
import type { GroupWiseConnector } from './link/groupwise-connector.js';
import { GroupWiseServer } from './server/groupwise-server.js';

/** The simulated GroupWise Messenger server behind the adapter, and how the adapter keeps sessions alive. */
export interface GroupWiseBackendOptions {
  /** The server's "Maximum number of users". Default: `config.groupwise.sessionLimit`. */
  readonly maxUsers?: number;
  /** The keepalive interval the login reply gives, in minutes. Default 10. */
  readonly keepaliveMinutes?: number;
  /** Wrong passwords in a row before a lockout. Default 5. */
  readonly maxWrongPasswords?: number;
  /** How long a lockout lasts. Default 30 minutes. */
  readonly lockoutMs?: number;
  /** One-way delay on the 8300 link, on the clock. Default 0. */
  readonly latencyMs?: number;
  /** `timer` (default): ping at the login reply's interval; `manual`: only on `session.ping()`. */
  readonly keepalive?: KeepaliveMode;
  /** Sees every byte on the 8300 link, both ways: the SSL stand-in's sealed records. */
  readonly capture?: LinkCapture;
}

/** The GroupWise backend: the adapter, and the simulated server it reaches through the SSL stand-in. */
export interface GroupWiseBackend extends ImBackend {
  readonly client: 'groupwise';
  /** The adapter, the pipe's last stage. */
  readonly adapter: GroupWiseAdapter;
  /** The simulated server it reaches. */
  readonly server: GroupWiseServer;
}

/** What the Collaboration Service reads of a GroupWise backend, from the adapter that is its last stage. */
export function asImBackend(adapter: GroupWiseAdapter): ImBackend & { readonly client: 'groupwise' } {
  const { hop, sessionLimit, serve, answersWithinMs } = adapter;
  return { client: 'groupwise', hop, sessionLimit, serve, answersWithinMs };
}

/**
 * The adapter a GroupWise backend puts last in the pipe: `config.groupwise.host:port` through
 * `connector`, with the BES's session limit, login timeout, observer and event port.
 */
export function besGroupWiseAdapter(
  context: BackendContext,
  connector: GroupWiseConnector,
  keepalive: KeepaliveMode = 'timer',
): GroupWiseAdapter {
  const { clock, config, observe, observes, events } = context;
  const settings = config.groupwise;
  return new GroupWiseAdapter({
    connector,
    clock,
    host: settings.host,
    port: settings.port,
    sessionLimit: settings.sessionLimit,
    loginTimeoutMs: settings.loginTimeoutMs,
    keepalive,
    events,
    ...(observe === undefined || !observes('groupwise-adapter') ? {} : { observe }),
  });
}

/**
 * Novell GroupWise Messenger as the BES's IM server: a simulated `GroupWiseServer` knowing the
 * BES's users, and the `GroupWiseAdapter` reaching it on `config.groupwise.host:port` through the
 * SSL stand-in. The device's collaboration client is `groupwise`.
 */
export function groupwiseBackend(options: GroupWiseBackendOptions = {}): BackendFactory<GroupWiseBackend> {
  return function groupwise(context): GroupWiseBackend {
    const { clock, random, config, observe, observes, users } = context;
    const settings = config.groupwise;
    const server = new GroupWiseServer({
      clock,
      random: random.fork('groupwise-server'),
      users: (userId: string) => users.find(userId)?.password,
      maxUsers: options.maxUsers ?? settings.sessionLimit,
      host: settings.host,
      port: settings.port,
      ...(options.keepaliveMinutes === undefined ? {} : { keepaliveMinutes: options.keepaliveMinutes }),
      ...(options.maxWrongPasswords === undefined ? {} : { maxWrongPasswords: options.maxWrongPasswords }),
      ...(options.lockoutMs === undefined ? {} : { lockoutMs: options.lockoutMs }),
      ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }),
      ...(observe === undefined || !observes('groupwise-server') ? {} : { observe }),
    });
    const connector = server.connector(
      random.fork('groupwise-adapter'),
      options.capture === undefined ? {} : { capture: options.capture },
    );
    const adapter = besGroupWiseAdapter(context, connector, options.keepalive);
    return Object.assign(asImBackend(adapter), { adapter, server });
  };
}
