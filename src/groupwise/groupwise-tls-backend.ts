import { ConfigError } from '../config/config-error.js';
import type { BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { GroupWiseAdapter } from './adapter/groupwise-adapter.js';
import { asImBackend, besGroupWiseAdapter } from './groupwise-backend.js';
import { TlsConnector, type TlsConnectorOptions } from './link/tls-connector.js';

/** How the adapter reaches a real GroupWise Messenger server over TLS. */
export type GroupWiseTlsBackendOptions = Omit<TlsConnectorOptions, 'clock'>;

/** A backend on a real GroupWise Messenger server: the adapter, with no simulated server behind it. */
export interface GroupWiseTlsBackend extends ImBackend {
  readonly client: 'groupwise';
  /** The adapter, on a `TlsConnector`. */
  readonly adapter: GroupWiseAdapter;
}

/**
 * GroupWise Messenger over TLS: the `GroupWiseAdapter` opens one TLS connection per session to
 * `config.groupwise.host:port` (a real Messaging Agent, or `GroupWiseServer.listenTls`), checks its
 * certificate against `ca`, and pings at the interval the login reply gives. Needs real time:
 * with a `VirtualClock` it throws `ConfigError` naming `clock`.
 */
export function groupwiseTlsBackend(options: GroupWiseTlsBackendOptions = {}): BackendFactory<GroupWiseTlsBackend> {
  return function groupwiseTls(context): GroupWiseTlsBackend {
    const { clock } = context;
    if (clock instanceof VirtualClock) {
      throw new ConfigError(
        'invalid BES configuration: clock: groupwiseTlsBackend() talks to real sockets and needs real time: createBes({ clock: new SystemClock(), ... })',
        ['clock'],
      );
    }
    const adapter = besGroupWiseAdapter(context, new TlsConnector({ ...options, clock }));
    return Object.assign(asImBackend(adapter), { adapter });
  };
}
