/**
 * The GroupWise wing: the Novell GroupWise Messenger client protocol's wire codec, the SSL stand-in
 * link and TLS connections to a server, a simulated GroupWise Messenger server, and the adapter and
 * backends the BES logs in with.
 * @module bes-collab/groupwise
 */

export * from './wire/index.js';

// The SSL proxy connection: the deterministic stand-in simulations use.
export { SslStandInLink, SSL_STAND_IN, STAND_IN_HELLO_BYTES } from './link/ssl-stand-in.js';
export { StandInKeyPair, STAND_IN_PUBLIC_BYTES } from './link/stand-in-key.js';
export { SslStandInConnector, type GroupWiseConnector } from './link/groupwise-connector.js';

// The simulated GroupWise Messenger server.
export { GroupWiseServer } from './server/groupwise-server.js';
export type { GroupWiseSessionInfo, SessionStatus } from './server/server-connection.js';
export {
  DEFAULT_MAX_USERS,
  DEFAULT_KEEPALIVE_MINUTES,
  DEFAULT_MAX_WRONG_PASSWORDS,
  DEFAULT_LOCKOUT_MS,
  type GroupWiseServerOptions,
  type GroupWiseConnectorOptions,
  type GroupWiseUsers,
} from './server/server-options.js';

// The adapter, its sessions and the backend for createBes.
export { GroupWiseAdapter, type GroupWiseAdapterOptions } from './adapter/groupwise-adapter.js';
export {
  GroupWiseSession,
  type PresenceChange,
  type ServerCloseReason,
  type ServerCloseListener,
} from './adapter/groupwise-session.js';
export type { GroupWiseLoginResult } from './adapter/login-attempt.js';
export type { KeepaliveMode } from './adapter/adapter-context.js';
export { failureFromResult, type LocalFailureReason } from './adapter/login-failure.js';
export {
  groupwiseBackend,
  besGroupWiseAdapter,
  type GroupWiseBackend,
  type GroupWiseBackendOptions,
} from './groupwise-backend.js';

// Over the network: TLS, with a certificate you give.
export { TlsConnector, type TlsConnectorOptions } from './link/tls-connector.js';
export { GroupWiseTlsListener, type GroupWiseTlsListenOptions } from './server/tls-listener.js';
export {
  groupwiseTlsBackend,
  type GroupWiseTlsBackend,
  type GroupWiseTlsBackendOptions,
} from './groupwise-tls-backend.js';
