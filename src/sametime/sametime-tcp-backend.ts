import { ConfigError } from '../config/config-error.js';
import type { BackendFactory, ImBackend } from '../pipeline/im-backend.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { SametimeAdapter } from './adapter/sametime-adapter.js';
import type { LinkCapture } from './link/sametime-link.js';
import { TcpConnector } from './link/tcp-connector.js';
import { asImBackend, besSametimeAdapter } from './sametime-backend.js';

/** How the adapter reaches a real Sametime server over TCP. */
export interface SametimeTcpBackendOptions {
  /** How long a TCP connect may take before the login fails as `unreachable`. Default 10,000 ms. */
  readonly connectTimeoutMs?: number;
  /** Sees every byte of every connection both ways, with its real endpoints (a `PcapRecorder`'s `capture`). */
  readonly capture?: LinkCapture;
}

/** A backend on a real Sametime server: the adapter, with no simulated server behind it. */
export interface SametimeTcpBackend extends ImBackend {
  readonly client: 'sametime';
  /** The Sametime adapter the Collaboration Service sends its requests to. */
  readonly adapter: SametimeAdapter;
}

/**
 * IBM Lotus Sametime over real TCP: the `SametimeAdapter` opens one connection per session to
 * `config.sametime.host:port` (a real Sametime server, or `SametimeServer.listen`) and speaks the
 * protocol's own login to it. Sockets run on real time, so the BES must too: `createBes` with a
 * `SystemClock`; with a `VirtualClock` (the default) it throws `ConfigError` naming `clock`, since a
 * silent server would then never time out.
 */
export function sametimeTcpBackend(options: SametimeTcpBackendOptions = {}): BackendFactory<SametimeTcpBackend> {
  return function sametimeTcp(context): SametimeTcpBackend {
    const { clock } = context;
    if (clock instanceof VirtualClock) {
      throw new ConfigError(
        'invalid BES configuration: clock: sametimeTcpBackend() talks to real sockets and needs real time: createBes({ clock: new SystemClock(), ... })',
        ['clock'],
      );
    }
    const connector = new TcpConnector({
      clock,
      ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
      ...(options.capture === undefined ? {} : { capture: options.capture }),
    });
    const adapter = besSametimeAdapter(context, connector);
    return Object.assign(asImBackend(adapter), { adapter });
  };
}
