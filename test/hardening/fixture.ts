import {
  createBes,
  pipe,
  InMemoryPermissionStore,
  InMemorySessionStore,
  VirtualClock,
  type AirFrame,
  type Bes,
  type CreateBesOptions,
  type ImBackend,
  type SametimeBackend,
  type Device,
  type PermissionStore,
  type SessionRecord,
  type SimpleFilter,
  type SessionStore,
  type Stage,
  type TraceEvent,
} from '../../src/index.js';

import { SametimeServer } from '../../src/sametime/index.js';
import { GroupWiseServer } from '../../src/groupwise/index.js';
import { wrapStore, type StoreMethod } from '../support/wrapped-store.js';
import { PINS, USERS, userAt } from '../support/users.js';

export { flush, PINS, USERS, userAt, type UserId } from '../support/users.js';

/** What a tap does with a message crossing its hop: pass it on (maybe changed), or drop it (`null`). */
export type Tap<T> = (value: T) => T | null | Promise<T | null>;

/** The four places between hops a test can watch or change messages. */
export interface Taps {
  /** Uplink between the Router and the Dispatcher (SRP, 3101). */
  air: Tap<AirFrame>;
  /** Downlink between the Dispatcher and the Router. */
  airReply: Tap<AirFrame>;
  /** Uplink between the Dispatcher and the Collaboration Service (3200): the device's frame, still sealed. */
  service: Tap<AirFrame>;
  /** Downlink between the Collaboration Service and the Dispatcher. */
  serviceReply: Tap<AirFrame>;
}

const pass = <T>(value: T): T => value;

export function passAll(): Taps {
  return { air: pass, airReply: pass, service: pass, serviceReply: pass };
}

/** A filter that runs the taps it reads at each message (so a test can swap them between messages). */
function tapFilter<T>(up: () => Tap<T>, down: () => Tap<T>): SimpleFilter<T, T | null> {
  return async function tap(input, next) {
    const request = await up()(input);
    if (request === null) return null;
    const reply = await next(request);
    return reply === null ? null : down()(reply);
  };
}

export interface TappedBesOptions<B extends ImBackend = SametimeBackend>
  extends Omit<Partial<CreateBesOptions<VirtualClock, B>>, 'compose' | 'clock' | 'observe'> {
  readonly observe?: (event: TraceEvent) => void;
}

/**
 * A BES built through `createBes` with a tap between every pair of hops (via `compose`), a virtual
 * clock, every trace event recorded, and direct ways in past the Router (`inject`) and past the
 * Dispatcher (`injectService`), as an attacker on those links would have.
 */
export function tappedBes<B extends ImBackend = SametimeBackend>(options: TappedBesOptions<B> = {}) {
  const clock = new VirtualClock();
  const events: TraceEvent[] = [];
  const taps = passAll();
  let toDispatcher: Stage<AirFrame, AirFrame | null> | undefined;
  let toService: Stage<AirFrame, AirFrame | null> | undefined;
  const { observe, ...rest } = options;
  const bes = createBes<VirtualClock, B>({
    seed: 6,
    users: USERS,
    ...rest,
    clock,
    observe: (event) => {
      events.push(event);
      observe?.(event);
    },
    compose: ({ device, router, dispatcher, collaborationService, backend }) => {
      const service = pipe(
        tapFilter(
          () => taps.service,
          () => taps.serviceReply,
        ),
        collaborationService,
        backend,
      );
      toService = service;
      toDispatcher = pipe(dispatcher, service);
      return pipe(
        device,
        router,
        tapFilter(
          () => taps.air,
          () => taps.airReply,
        ),
        toDispatcher,
      );
    },
  });
  const activate = (index: number): Device => {
    const user = userAt(index);
    const pin = PINS[index]!;
    const result = bes.activateDevice({ pin, userId: user.userId, activationPassword: user.activationPassword });
    if (!result.ok) throw new Error(`activation of ${pin} failed: ${result.code}`);
    return result.device;
  };
  return {
    bes,
    clock,
    events,
    taps,
    activate,
    /** A frame arriving at the Dispatcher from the Router's side. */
    inject: (frame: AirFrame) => toDispatcher!(frame),
    /** A frame arriving at the Collaboration Service on 3200. */
    injectService: (frame: AirFrame) => toService!(frame),
    /** Trace events since `from` (an index into `events`). */
    since: (from: number) => events.slice(from),
  };
}

export type Tapped = ReturnType<typeof tappedBes<SametimeBackend>>;

/** The simulated IM server behind a BES (Sametime's or GroupWise's), when its backend has one. */
export function serverOf(bes: Bes<VirtualClock, ImBackend>): SametimeServer | GroupWiseServer | undefined {
  const backend = bes.backend as ImBackend & { server?: unknown };
  return backend.server instanceof SametimeServer || backend.server instanceof GroupWiseServer
    ? backend.server
    : undefined;
}

/** Every session record in an in-memory store, in session id order. */
export async function records(store: SessionStore): Promise<SessionRecord[]> {
  const all = await store.idleCandidates(Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER);
  return [...all].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

/** Everything a rejected message must leave as it was: the cache, the service's books, the Sametime server. */
export async function snapshot(bes: Bes<VirtualClock, ImBackend>) {
  const server = serverOf(bes);
  return {
    count: await bes.sessions.count(),
    records: await records(bes.sessions),
    loginsUnderWay: bes.collaborationService.loginsUnderWay,
    openSessions: bes.collaborationService.openSessions,
    server: server?.sessions(),
    serverConnections: server?.openConnectionCount,
  };
}

/** The `discarded` events of a trace, as [hop, code]. */
export function discards(events: readonly TraceEvent[]): [string, string | undefined][] {
  return events.filter((e) => e.action === 'discarded').map((e) => [e.hop, e.outcome]);
}

export type StoreFailure = {
  /** `reject`: the method returns a rejected promise. `throw`: it throws before returning one. */
  readonly how: 'reject' | 'throw';
  /** `before`: fails without doing anything. `after`: does the work, then fails (a lost acknowledgement). */
  readonly when: 'before' | 'after';
};

class StoreDown extends Error {
  constructor(method: string) {
    super(`the configuration database is unreachable (${method})`);
  }
}

/**
 * A session store that fails on a chosen call: wraps an `InMemorySessionStore` and, when armed
 * for a method, makes its next call (or its `nth` call) fail as told. Counts calls per method.
 */
export class FaultySessionStore {
  readonly inner = new InMemorySessionStore();
  readonly calls = new Map<string, number>();
  readonly store: SessionStore;
  #armed = new Map<string, { failure: StoreFailure; nth: number }>();

  constructor() {
    this.store = wrapStore(this.inner, (method, _args, work) => this.#call(method, work));
  }

  /** The `nth` (from 1) next call of `method` fails. */
  failOn(method: StoreMethod, failure: StoreFailure, nth = 1): void {
    this.#armed.set(method, { failure, nth: (this.calls.get(method) ?? 0) + nth });
  }

  disarm(): void {
    this.#armed.clear();
  }

  #call<T>(method: StoreMethod, work: () => Promise<T>): Promise<T> {
    const n = (this.calls.get(method) ?? 0) + 1;
    this.calls.set(method, n);
    const armed = this.#armed.get(method);
    if (armed === undefined || armed.nth !== n) return work();
    this.#armed.delete(method);
    const { how, when } = armed.failure;
    if (when === 'before') {
      if (how === 'throw') throw new StoreDown(method);
      return Promise.reject(new StoreDown(method));
    }
    if (how === 'throw') {
      // Synchronous work, then a synchronous throw: the in-memory store applies changes at the call.
      work().catch(() => {});
      throw new StoreDown(method);
    }
    return work().then(() => Promise.reject(new StoreDown(method)));
  }
}

/** A permission store that grants every `USERS` entry Sametime, and fails when armed. */
export class FaultyPermissionStore implements PermissionStore {
  readonly inner = new InMemoryPermissionStore(USERS.map((u) => ({ userId: u.userId, clients: ['sametime'] })));
  #armed: StoreFailure | undefined;

  failNext(failure: StoreFailure): void {
    this.#armed = failure;
  }

  mayUse(userId: string, client: string): Promise<boolean> {
    const armed = this.#armed;
    this.#armed = undefined;
    if (armed === undefined) return this.inner.mayUse(userId, client);
    if (armed.how === 'throw') throw new StoreDown('mayUse');
    return Promise.reject(new StoreDown('mayUse'));
  }
}

/**
 * What must hold whenever the BES is at rest, as a list of broken rules (empty when all hold):
 * every cached session has its open Sametime session and every Sametime session its cache entry,
 * no login is left half-open at the server, no slot is held by a login that is over, and the cache
 * holds no more than the maximum. `store` is where to read the cache (default `bes.sessions`).
 */
export async function brokenRules(
  bes: Bes<VirtualClock, ImBackend>,
  store: SessionStore = bes.sessions,
): Promise<string[]> {
  const broken: string[] = [];
  const cached = await records(store);
  const server = serverOf(bes);
  if (server !== undefined) {
    for (const record of cached) {
      const session = server.session(record.connectionId);
      if (session === undefined)
        broken.push(`${record.sessionId} (${record.pin}) is cached without its Sametime session`);
      else if (session.userId !== record.userId)
        broken.push(`${record.sessionId} is cached for ${record.userId}, Sametime has ${session.userId}`);
    }
    const cachedConnections = new Set(cached.map((r) => r.connectionId));
    for (const session of server.sessions()) {
      if (!cachedConnections.has(session.connectionId))
        broken.push(`Sametime session ${session.connectionId} (${session.userId}) has no cache entry`);
    }
    if (server.openConnectionCount !== server.openSessionCount) {
      broken.push(`${server.openConnectionCount - server.openSessionCount} connection(s) half-open at Sametime`);
    }
  }
  const service = bes.collaborationService;
  if (service.loginsUnderWay !== 0) broken.push(`${service.loginsUnderWay} slot(s) held by logins that are over`);
  if (service.openSessions !== cached.length)
    broken.push(`the service holds ${service.openSessions} sessions, the cache ${cached.length}`);
  const max = bes.config.maxSessions;
  if (max !== undefined && cached.length > max) broken.push(`${cached.length} sessions cached, maximum ${max}`);
  return broken;
}
