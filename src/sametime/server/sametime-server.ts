import type { Clock } from '../../time/clock.js';
import { AuthType } from '../auth/auth-type.js';
import { PasswordOpener } from '../auth/password-opener.js';
import { checkCount, MAX_PORT, SametimeConnectionError } from '../errors.js';
import { InProcessConnector, type LinkAcceptor } from '../link/in-process-connector.js';
import type { SametimeConnector, SametimeLink } from '../link/sametime-link.js';
import { DEFAULT_MAX_FRAME_LENGTH, checkMaxFrameLength } from '../wire/frame.js';
import { MASTER_CHANNEL } from '../wire/header.js';
import { ReasonCode } from '../wire/reason-code.js';
import { SAMETIME_PORT } from '../wire/sametime-port.js';
import type { ServerContext, ServerTraceFields } from './server-context.js';
import { ServerConnection } from './server-connection.js';
import { checkFault, type SametimeFault } from './server-fault.js';
import {
  checkAuthTypes,
  PASSWORD_AUTH_TYPES,
  type SametimeServerOptions,
  type ServerConnectorOptions,
} from './server-options.js';
import type { ServerSessionInfo } from './server-session-info.js';
import { UserDirectory } from './user-directory.js';
import { listenOnTcp, type SametimeListener, type SametimeListenOptions } from './tcp-listener.js';

export type { SametimeServerOptions, ServerConnectorOptions } from './server-options.js';

/** The `pin` field of a trace event about `link`, when it carries one. */
function pinOf(link: { readonly pin?: string | undefined }): { pin?: string } {
  return link.pin === undefined ? {} : { pin: link.pin };
}

/**
 * A simulated IBM Lotus Sametime server, in process: registered users, a session capacity, one
 * dedicated connection per session, status and keepalive tracking, and closing sessions from its
 * side. Reach it through `connector()`. It is a peer of the adapter, not part of it: the adapter
 * sees only bytes on a `SametimeLink`.
 */
export class SametimeServer implements LinkAcceptor {
  /** The port it accepts connections on (1533 by default). */
  readonly port: number;
  /** The host name it answers to; undefined: any. */
  readonly host: string | undefined;
  /** One-way delivery time of its in-process links, in milliseconds of the clock. */
  readonly latencyMs: number;
  /** Open connections by id: logins in progress and sessions. */
  readonly #connections = new Map<string, ServerConnection>();
  readonly #sessions = new Map<string, ServerConnection>();
  readonly #users: UserDirectory;
  readonly #opener: PasswordOpener;
  readonly #clock: Clock;
  readonly #context: ServerContext;
  #capacity: number;
  #fault: SametimeFault;
  #accepted = 0;
  #linksOpened = 0;

  constructor(options: SametimeServerOptions) {
    this.#clock = options.clock;
    this.#capacity = checkCount('capacity', options.capacity, 0, true);
    this.latencyMs = checkCount('latencyMs', options.latencyMs ?? 0, 0);
    this.port = checkCount('port', options.port ?? SAMETIME_PORT, 1, false, MAX_PORT);
    this.host = options.host;
    this.#fault = checkFault(options.fault ?? 'none');
    const users = options.users ?? [];
    this.#users = new UserDirectory(users);
    this.#opener = new PasswordOpener(options.random);
    const authTypes = checkAuthTypes(options.authTypes ?? PASSWORD_AUTH_TYPES);
    const observe = options.observe;
    const port = this.port;
    const trace =
      observe === undefined
        ? undefined
        : (fields: ServerTraceFields): void =>
            observe({ at: options.clock.now(), hop: 'sametime-server', port, ...fields });
    this.#context = {
      clock: options.clock,
      random: options.random,
      opener: this.#opener,
      authTypes,
      offersKeyAgreement: authTypes.has(AuthType.rc2_128),
      users: this.#users,
      serverId: options.serverId ?? 'sametime-sim',
      community: options.community ?? 'bes-collab',
      maxFrameLength: checkMaxFrameLength(options.maxFrameLength ?? DEFAULT_MAX_FRAME_LENGTH),
      trace,
      loginAnswered: options.onLogin,
      isFull: () => this.#sessions.size >= this.#capacity,
      sessionOpened: (c) => this.#sessionOpened(c),
      connectionClosed: (c) => this.#connectionClosed(c),
    };
  }

  /** A connector whose links reach this server, with this server's clock and latency. */
  connector(options: ServerConnectorOptions = {}): SametimeConnector {
    const { capture } = options;
    // Links are named by the server, so a connection's id is the same at both ends and in captures.
    const linkId = (host: string, port: number): string => `${host}:${port}#${++this.#linksOpened}`;
    const base = { acceptor: this, clock: this.#clock, latencyMs: this.latencyMs, linkId };
    return new InProcessConnector(capture === undefined ? base : { ...base, capture });
  }

  /** Takes a new connection (the connector calls this). Throws `SametimeConnectionError('refused')`. */
  accept(link: SametimeLink, host: string, port: number): void {
    if (port !== this.port || (this.host !== undefined && host !== this.host)) {
      this.#context.trace?.({ direction: 'request', action: 'refused', ...pinOf(link), outcome: 'not-listening' });
      throw new SametimeConnectionError('refused', `connection to ${host}:${port} refused`);
    }
    this.serve(link);
  }

  /**
   * Serves a connection that reached the server some other way (its TCP listener, your own
   * transport): no host or port check. With `loginTimeoutMs` a client that has not logged in by
   * then is dropped. Returns the connection's id: the link's own, which the adapter sees in
   * LOGIN_ACK. Throws `SametimeConnectionError('refused')` under the `refuse` fault.
   */
  serve(link: SametimeLink, options: { readonly loginTimeoutMs?: number } = {}): string {
    const trace = this.#context.trace;
    if (this.#fault === 'refuse') {
      trace?.({ direction: 'request', action: 'refused', ...pinOf(link), outcome: 'fault:refuse' });
      throw new SametimeConnectionError('refused', `connection ${link.id} refused`);
    }
    // The connection keeps the link's name: the id LOGIN_ACK gives the adapter, and captures show.
    const id = this.#connections.has(link.id) ? `${link.id}/${++this.#accepted}` : link.id;
    const connection = new ServerConnection(this.#context, link, id, this.#fault, options.loginTimeoutMs);
    this.#connections.set(id, connection);
    trace?.({ direction: 'request', action: 'accepted', ...pinOf(link), outcome: id });
    return id;
  }

  /**
   * Serves real TCP clients (a real Sametime client, or a `SametimeAdapter` with a `TcpConnector`)
   * on `host` (default 127.0.0.1) and `port` (default the server's; 0 for any free port). Build
   * the server on a `SystemClock` for this: its timeouts run on its clock.
   */
  listen(options: SametimeListenOptions = {}): Promise<SametimeListener> {
    return listenOnTcp(this, this.#clock, { port: this.port, ...options });
  }

  /**
   * Closes any open connection, a session or a login in progress: CHANNEL_DESTROY with `reason`,
   * then the connection. Returns whether it was open.
   */
  closeConnection(connectionId: string, reason: number = ReasonCode.success): boolean {
    const connection = this.#connections.get(connectionId);
    if (connection === undefined) return false;
    connection.destroy(reason);
    return true;
  }

  /** How it misbehaves, for tests (`none` by default). */
  get fault(): SametimeFault {
    return this.#fault;
  }

  /** Applies to connections accepted from now on. */
  set fault(fault: SametimeFault) {
    this.#fault = checkFault(fault);
  }

  /** The most sessions it holds open at once; a login beyond it is refused as server full. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Applies to logins from now on; open sessions above a lowered capacity stay open. */
  set capacity(capacity: number) {
    this.#capacity = checkCount('capacity', capacity, 0, true);
  }

  /** Registers a user with their password (replacing an earlier password). */
  addUser(userId: string, password: string): void {
    this.#users.add(userId, password);
  }

  /** Unregisters a user; their open sessions stay open. Returns whether the user was known. */
  removeUser(userId: string): boolean {
    return this.#users.remove(userId);
  }

  /** Whether the user is registered. */
  hasUser(userId: string): boolean {
    return this.#users.has(userId);
  }

  /** The server's Diffie-Hellman public value, 64 bytes (what HANDSHAKE_ACK carries when it offers DH-RC2/128). */
  get publicKey(): Uint8Array {
    return this.#opener.publicKey;
  }

  /** Diffie-Hellman key agreements the server has run: one per distinct client key. */
  get keyAgreements(): number {
    return this.#opener.keyAgreements;
  }

  /** Open connections: logins in progress plus sessions. */
  get openConnectionCount(): number {
    return this.#connections.size;
  }

  /** Sessions open now. */
  get openSessionCount(): number {
    return this.#sessions.size;
  }

  /** Snapshots of every open session, in the order they opened. */
  sessions(): ServerSessionInfo[] {
    return Array.from(this.#sessions.values(), (c) => c.info());
  }

  /**
   * Snapshots of the user's open sessions, in the order they opened. A walk over every session: an
   * index by user cost every login a Set made and dropped, for a question only inspection asks.
   */
  sessionsOf(userId: string): ServerSessionInfo[] {
    const infos: ServerSessionInfo[] = [];
    for (const c of this.#sessions.values()) if (c.userId === userId) infos.push(c.info());
    return infos;
  }

  /** A snapshot of the session on that dedicated connection, or undefined when none is open there. */
  session(connectionId: string): ServerSessionInfo | undefined {
    return this.#sessions.get(connectionId)?.info();
  }

  /**
   * Closes a session from the server's side: CHANNEL_DESTROY with `reason` to the client, then the
   * dedicated connection. Returns whether the session was open.
   */
  closeSession(connectionId: string, reason: number = ReasonCode.success): boolean {
    const connection = this.#sessions.get(connectionId);
    if (connection === undefined) return false;
    connection.destroy(reason);
    return true;
  }

  /**
   * An administrator's broadcast: ADMIN with `text` to every open session, which stay open.
   * Returns how many sessions it reached.
   */
  broadcast(text: string): number {
    for (const connection of this.#sessions.values()) connection.tell({ type: 'ADMIN', channel: MASTER_CHANNEL, text });
    return this.#sessions.size;
  }

  /** Relays an announcement from user `from` to one session. Returns whether the session was open. */
  announce(connectionId: string, text: string, from: string): boolean {
    const connection = this.#sessions.get(connectionId);
    if (connection === undefined) return false;
    const sender = { loginId: from, loginType: 0, userId: from, userName: from, community: this.#context.community };
    connection.tell({
      type: 'ANNOUNCE',
      channel: MASTER_CHANNEL,
      sender,
      reserved: 0,
      mayReply: false,
      text,
      recipients: [],
    });
    return true;
  }

  /**
   * Drops a session's dedicated connection without a CHANNEL_DESTROY, as a lost network connection
   * would. Returns whether the session was open.
   */
  dropSession(connectionId: string): boolean {
    const connection = this.#sessions.get(connectionId);
    if (connection === undefined) return false;
    connection.drop();
    return true;
  }

  #sessionOpened(connection: ServerConnection): void {
    this.#sessions.set(connection.id, connection);
    this.#context.trace?.({
      direction: 'reply',
      action: 'session-opened',
      ...pinOf(connection),
      outcome: connection.id,
    });
  }

  #connectionClosed(connection: ServerConnection): void {
    this.#connections.delete(connection.id);
    if (!this.#sessions.delete(connection.id)) return;
    this.#context.trace?.({
      direction: 'reply',
      action: 'session-closed',
      ...pinOf(connection),
      outcome: connection.id,
    });
  }
}
