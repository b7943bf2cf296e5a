import { MAX_PORT, SametimeConnectionError, checkCount } from '../../sametime/errors.js';
import { MAX_BUFFERED_MESSAGE_BYTES } from '../wire/stream-buffer.js';
import { InProcessConnector, type LinkAcceptor } from '../../sametime/link/in-process-connector.js';
import type { SametimeLink } from '../../sametime/link/sametime-link.js';
import type { Random } from '../../random/seeded-random.js';
import type { Clock } from '../../time/clock.js';
import { SslStandInConnector, type GroupWiseConnector } from '../link/groupwise-connector.js';
import { SslStandInLink } from '../link/ssl-stand-in.js';
import { StandInKeyPair } from '../link/stand-in-key.js';
import { EventType } from '../wire/event.js';
import { DEFAULT_MAX_REQUEST_LENGTH } from '../wire/request-decoder.js';
import { ResultCode } from '../wire/result-code.js';
import { GROUPWISE_PORT } from '../wire/tags.js';
import { GroupWiseAccounts } from './login-decision.js';
import { listenOnTls, type GroupWiseTlsListener, type GroupWiseTlsListenOptions } from './tls-listener.js';
import { ServerConnection, type GroupWiseSessionInfo } from './server-connection.js';
import type { ServerContext, ServerTraceFields } from './server-context.js';
import {
  DEFAULT_KEEPALIVE_MINUTES,
  DEFAULT_LOCKOUT_MS,
  DEFAULT_MAX_USERS,
  DEFAULT_MAX_WRONG_PASSWORDS,
  type GroupWiseConnectorOptions,
  type GroupWiseServerOptions,
} from './server-options.js';

/**
 * A simulated Novell GroupWise Messenger server (its Messaging Agent), in process: users and
 * passwords, a lockout after wrong passwords, the "Maximum number of users", one dedicated
 * connection per session, presence events to watchers, and closing sessions from its side. Reach it
 * through `connector()` (the SSL stand-in around an in-process link) or, over TLS, `listenTls`. It
 * is a peer of the adapter: the adapter sees only bytes.
 */
export class GroupWiseServer implements LinkAcceptor {
  /** The port it takes connections on (8300 unless set). */
  readonly port: number;
  /** The host name in-process connections must name, when set. */
  readonly host: string | undefined;
  /** One-way delivery time on its in-process links. */
  readonly latencyMs: number;
  /** Minutes between pings the login reply asks for. */
  readonly keepaliveMinutes: number;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #keys: StandInKeyPair;
  readonly #accounts: GroupWiseAccounts;
  readonly #connections = new Map<string, ServerConnection>();
  readonly #sessions = new Map<string, ServerConnection>();
  readonly #byUser = new Map<string, Set<ServerConnection>>();
  readonly #watchers = new Map<string, Set<string>>();
  readonly #context: ServerContext;
  readonly #oneSessionPerUser: boolean;
  #maxUsers: number;
  #linksOpened = 0;
  #accepted = 0;

  constructor(options: GroupWiseServerOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#keys = new StandInKeyPair(options.random.fork('ssl-stand-in-key'));
    this.#maxUsers = checkCount('maxUsers', options.maxUsers ?? DEFAULT_MAX_USERS, 0, true);
    const keepalive = options.keepaliveMinutes ?? DEFAULT_KEEPALIVE_MINUTES;
    this.keepaliveMinutes = checkCount('keepaliveMinutes', keepalive, 1, false, 0xffff_ffff);
    this.latencyMs = checkCount('latencyMs', options.latencyMs ?? 0, 0);
    this.port = checkCount('port', options.port ?? GROUPWISE_PORT, 1, false, MAX_PORT);
    this.host = options.host;
    this.#oneSessionPerUser = options.oneSessionPerUser ?? true;
    const maxWrong = checkCount('maxWrongPasswords', options.maxWrongPasswords ?? DEFAULT_MAX_WRONG_PASSWORDS, 1);
    const lockoutMs = checkCount('lockoutMs', options.lockoutMs ?? DEFAULT_LOCKOUT_MS, 0);
    this.#accounts = new GroupWiseAccounts(options.users ?? {}, options.clock, maxWrong, lockoutMs);
    const observe = options.observe;
    const port = this.port;
    const trace =
      observe === undefined
        ? undefined
        : (fields: ServerTraceFields): void =>
            observe({ at: options.clock.now(), hop: 'groupwise-server', port, ...fields });
    this.#context = {
      clock: options.clock,
      accounts: this.#accounts,
      keepaliveMinutes: this.keepaliveMinutes,
      organisation: options.organisation ?? 'bes-collab',
      maxRequestLength: checkCount(
        'maxRequestLength',
        options.maxRequestLength ?? DEFAULT_MAX_REQUEST_LENGTH,
        256,
        false,
        MAX_BUFFERED_MESSAGE_BYTES,
      ),
      capacityFor: (userId) => this.#capacityFor(userId),
      sessionOpened: (c) => this.#sessionOpened(c),
      statusSet: (c, status) => this.#statusSet(c, status),
      connectionClosed: (c) => this.#connectionClosed(c),
      trace,
    };
  }

  /** A connector whose links reach this server through the SSL stand-in, with this server's clock and latency. */
  connector(random: Random, options: GroupWiseConnectorOptions = {}): GroupWiseConnector {
    const linkId = (host: string, port: number): string => `${host}:${port}#${++this.#linksOpened}`;
    const base = { acceptor: this, clock: this.#clock, latencyMs: this.latencyMs, linkId };
    const inner = new InProcessConnector(options.capture === undefined ? base : { ...base, capture: options.capture });
    return new SslStandInConnector(
      inner,
      new StandInKeyPair(random.fork('ssl-stand-in-key')),
      random.fork('ssl-stand-in'),
    );
  }

  /** Takes a new in-process connection: the server end of the SSL stand-in. Throws `SametimeConnectionError('refused')` for another port or host. */
  accept(link: SametimeLink, host: string, port: number): void {
    if (port !== this.port || (this.host !== undefined && host !== this.host)) {
      this.#context.trace?.({
        direction: 'request',
        action: 'refused',
        ...(link.pin === undefined ? {} : { pin: link.pin }),
        outcome: 'not-listening',
      });
      throw new SametimeConnectionError('refused', `connection to ${host}:${port} refused`);
    }
    this.serve(new SslStandInLink(link, 'server', this.#keys, this.#random.fork(`connection-${link.id}`)));
  }

  /**
   * Serves a connection whose security is already in place (a TLS socket, or your own transport):
   * the protocol starts with its first byte. With `loginTimeoutMs` a client that has not logged in
   * by then is dropped. Returns the connection's id.
   */
  serve(link: SametimeLink, options: { readonly loginTimeoutMs?: number } = {}): string {
    const id = this.#connections.has(link.id) ? `${link.id}/${++this.#accepted}` : link.id;
    const connection = new ServerConnection(this.#context, link, id, options.loginTimeoutMs);
    this.#connections.set(id, connection);
    this.#context.trace?.({
      direction: 'request',
      action: 'accepted',
      ...(link.pin === undefined ? {} : { pin: link.pin }),
      outcome: id,
    });
    return id;
  }

  /**
   * Serves TLS clients (a real GroupWise client, or the adapter with a `TlsConnector`) on `host`
   * (default 127.0.0.1) and `port` (default the server's; 0 for any free port), with the key and
   * certificate you give. Build the server on a `SystemClock` for this.
   */
  listenTls(options: GroupWiseTlsListenOptions): Promise<GroupWiseTlsListener> {
    return listenOnTls(this, this.#clock, { port: this.port, ...options });
  }

  /** The "Maximum number of users". */
  get maxUsers(): number {
    return this.#maxUsers;
  }

  /** Applies to logins from now on; sessions above a lowered maximum stay open. */
  set maxUsers(value: number) {
    this.#maxUsers = checkCount('maxUsers', value, 0, true);
  }

  /** The server's X25519 public value in the SSL stand-in's hello. */
  get standInPublicKey(): Uint8Array {
    return this.#keys.publicKey;
  }

  /** Key agreements of the SSL stand-in so far: one per distinct client key, not one per connection. */
  get keyAgreements(): number {
    return this.#keys.agreements;
  }

  /** Registers a user (or changes their password). */
  addUser(userId: string, password: string): void {
    this.#accounts.add(userId, password);
  }

  /** Unregisters a user; their open sessions stay open. Returns whether the user was known. */
  removeUser(userId: string): boolean {
    return this.#accounts.remove(userId);
  }

  /** A disabled user's logins get USER_DISABLED; their open sessions stay open. */
  disableUser(userId: string, disabled = true): void {
    this.#accounts.setDisabled(userId, disabled);
  }

  /** Whether the user is locked out now (too many wrong passwords in a row). */
  isLockedOut(userId: string): boolean {
    return this.#accounts.locked(userId);
  }

  /** `watcher`'s sessions hear event 103 whenever `userId` sets a status (a contact list entry). */
  watch(watcher: string, userId: string): void {
    let set = this.#watchers.get(userId);
    if (set === undefined) {
      set = new Set();
      this.#watchers.set(userId, set);
    }
    set.add(watcher);
  }

  /** Open connections: logins under way plus sessions. */
  get openConnectionCount(): number {
    return this.#connections.size;
  }

  /** Sessions open now. */
  get openSessionCount(): number {
    return this.#sessions.size;
  }

  /** Snapshots of every open session, in the order they opened. */
  sessions(): GroupWiseSessionInfo[] {
    return Array.from(this.#sessions.values(), (c) => c.info());
  }

  /** Snapshots of one user's open sessions. */
  sessionsOf(userId: string): GroupWiseSessionInfo[] {
    const set = this.#byUser.get(userId);
    return set === undefined ? [] : Array.from(set, (c) => c.info());
  }

  /** A snapshot of the session on a connection, if it is open. */
  session(connectionId: string): GroupWiseSessionInfo | undefined {
    return this.#sessions.get(connectionId)?.info();
  }

  /** Ends a session from the server's side: event 115 (server disconnect), then the close. Returns whether it was open. */
  closeSession(connectionId: string): boolean {
    const connection = this.#sessions.get(connectionId);
    if (connection === undefined) return false;
    connection.end(EventType.serverDisconnect);
    return true;
  }

  /** Closes any open connection, a session or a login under way. Returns whether it was open. */
  closeConnection(connectionId: string): boolean {
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) return false;
    connection.end(EventType.serverDisconnect);
    return true;
  }

  /** Drops a session's connection without an event, as a lost network would. Returns whether it was open. */
  dropSession(connectionId: string): boolean {
    const connection = this.#sessions.get(connectionId);
    if (connection === undefined) return false;
    connection.drop();
    return true;
  }

  #capacityFor(userId: string): number {
    const replaced = this.#oneSessionPerUser ? (this.#byUser.get(userId)?.size ?? 0) : 0;
    return this.#sessions.size - replaced >= this.#maxUsers ? ResultCode.serverBusy : ResultCode.ok;
  }

  #sessionOpened(connection: ServerConnection): void {
    const userId = connection.userId;
    const earlier = this.#byUser.get(userId);
    if (this.#oneSessionPerUser && earlier !== undefined)
      for (const other of [...earlier]) other.end(EventType.userDisconnect);
    this.#sessions.set(connection.id, connection);
    let set = this.#byUser.get(userId);
    if (set === undefined) {
      set = new Set();
      this.#byUser.set(userId, set);
    }
    set.add(connection);
    this.#context.trace?.({
      direction: 'reply',
      action: 'session-opened',
      ...(connection.pin === undefined ? {} : { pin: connection.pin }),
      outcome: connection.id,
    });
  }

  #statusSet(connection: ServerConnection, status: number): void {
    const watchers = this.#watchers.get(connection.userId);
    if (watchers === undefined) return;
    for (const watcher of watchers) {
      for (const session of this.#byUser.get(watcher) ?? []) {
        session.tell({ kind: 'event', type: EventType.statusChange, source: connection.dn, status, text: '' });
      }
    }
  }

  #connectionClosed(connection: ServerConnection): void {
    this.#connections.delete(connection.id);
    if (!this.#sessions.delete(connection.id)) return;
    const set = this.#byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.#byUser.delete(connection.userId);
    this.#context.trace?.({
      direction: 'reply',
      action: 'session-closed',
      ...(connection.pin === undefined ? {} : { pin: connection.pin }),
      outcome: connection.id,
    });
  }
}
