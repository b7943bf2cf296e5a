import {
  chain,
  createBes,
  InMemoryPermissionStore,
  InMemorySessionStore,
  VirtualClock,
  type AirFrame,
  type Bes,
  type CreateBesOptions,
  type Device,
  type Filter,
  type PermissionStore,
  type ServiceEnvelope,
  type SessionRecord,
  type SessionStore,
  type Stage,
  type TraceEvent,
} from '../../src/index.js';

/**
 * Users whose every secret is long and unusual, so a search of emitted bytes for them cannot hit
 * by chance: `password` is the Sametime password, `activationPassword` the enterprise one.
 */
export const USERS = [
  { userId: 'alice', password: 'alice-St-pw:Qx7#vB2!mK9', activationPassword: 'alice-act:Zr4$Lp8&Wd1' },
  { userId: 'bob', password: 'bob-St-pw:Hj3%Tn6^Ys0', activationPassword: 'bob-act:Fg5*Uc9(Ob2' },
  { userId: 'carol', password: 'carol-St-pw:Ek1)Vm4_Pa7', activationPassword: 'carol-act:Ni8+Rw2=Jq5' },
  { userId: 'dave', password: 'dave-St-pw:Xs6~Gb3<Ul0', activationPassword: 'dave-act:Co9>Ht4?Ie7' },
  { userId: 'erin', password: 'erin-St-pw:Mq2;Dz5|Ky8', activationPassword: 'erin-act:Aw7:Sf1.Lg4' },
  { userId: 'frank', password: 'frank-St-pw:Pv0,Jx3`Rb6', activationPassword: 'frank-act:Tn5!Wy8@Qc1' },
] as const;

export type UserId = (typeof USERS)[number]['userId'];

/** Device PINs, one per user in `USERS` order. */
export const PINS = ['2100000A', '2100000B', '2100000C', '2100000D', '2100000E', '2100000F'] as const;

export function userAt(index: number): (typeof USERS)[number] {
  const user = USERS[index];
  if (user === undefined) throw new RangeError(`no user ${index}`);
  return user;
}

/** What a tap does with a message crossing its hop: pass it on (maybe changed), or drop it (`null`). */
export type Tap<T> = (value: T) => T | null | Promise<T | null>;

/** The four places between hops a test can watch or change messages. */
export interface Taps {
  /** Uplink between the Router and the Dispatcher (SRP, 3101). */
  air: Tap<AirFrame>;
  /** Downlink between the Dispatcher and the Router. */
  airReply: Tap<AirFrame>;
  /** Uplink between the Dispatcher and the Collaboration Service (3200). */
  service: Tap<ServiceEnvelope>;
  /** Downlink between the Collaboration Service and the Dispatcher. */
  serviceReply: Tap<ServiceEnvelope>;
}

const pass = <T>(value: T): T => value;

export function passAll(): Taps {
  return { air: pass, airReply: pass, service: pass, serviceReply: pass };
}

/** A filter that runs the taps it reads at each message (so a test can swap them between messages). */
function tapFilter<T>(up: () => Tap<T>, down: () => Tap<T>): Filter<T, T | null, T, T | null> {
  return async function tap(input, next) {
    const request = await up()(input);
    if (request === null) return null;
    const reply = await next(request);
    return reply === null ? null : down()(reply);
  };
}

export interface TappedBesOptions extends Omit<Partial<CreateBesOptions>, 'compose' | 'clock' | 'observe'> {
  readonly observe?: (event: TraceEvent) => void;
}

/**
 * A BES built through `createBes` with a tap between every pair of hops (via `compose`), a virtual
 * clock, every trace event recorded, and direct ways in past the Router (`inject`) and past the
 * Dispatcher (`injectService`), as an attacker on those links would have.
 */
export function tappedBes(options: TappedBesOptions = {}) {
  const clock = new VirtualClock();
  const events: TraceEvent[] = [];
  const taps = passAll();
  let toDispatcher: Stage<AirFrame, AirFrame | null> | undefined;
  let toService: Stage<ServiceEnvelope, ServiceEnvelope | null> | undefined;
  const { observe, ...rest } = options;
  const bes = createBes({
    seed: 6,
    users: USERS,
    ...rest,
    clock,
    observe: (event) => {
      events.push(event);
      observe?.(event);
    },
    compose: (hops) => {
      const service = chain(tapFilter(() => taps.service, () => taps.serviceReply), hops.collaborationService);
      const dispatcher = chain(hops.dispatcher, service);
      toService = service;
      toDispatcher = dispatcher;
      return chain(hops.router, chain(tapFilter(() => taps.air, () => taps.airReply), dispatcher));
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
    /** An envelope arriving at the Collaboration Service on 3200. */
    injectService: (envelope: ServiceEnvelope) => toService!(envelope),
    /** Trace events since `from` (an index into `events`). */
    since: (from: number) => events.slice(from),
  };
}

export type Tapped = ReturnType<typeof tappedBes>;

/** Every session record in an in-memory store, in session id order. */
export async function records(store: SessionStore): Promise<SessionRecord[]> {
  const all = await store.idleCandidates(Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER);
  return [...all].sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0));
}

/** Everything a rejected message must leave as it was: the cache, the service's books, the Sametime server. */
export async function snapshot(bes: Bes) {
  return {
    count: await bes.sessions.count(),
    records: await records(bes.sessions),
    loginsUnderWay: bes.collaborationService.loginsUnderWay,
    openSessions: bes.collaborationService.openSessions,
    server: bes.sametime?.sessions(),
    serverConnections: bes.sametime?.openConnectionCount,
  };
}

/** The `discarded` events of a trace, as [hop, code]. */
export function discards(events: readonly TraceEvent[]): [string, string | undefined][] {
  return events.filter((e) => e.action === 'discarded').map((e) => [e.hop, e.outcome]);
}

/** Lets queued microtasks and promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
export class FaultySessionStore implements SessionStore {
  readonly inner = new InMemorySessionStore();
  readonly calls = new Map<string, number>();
  #armed = new Map<string, { failure: StoreFailure; nth: number }>();

  /** The `nth` (from 1) next call of `method` fails. */
  failOn(method: keyof SessionStore, failure: StoreFailure, nth = 1): void {
    this.#armed.set(method, { failure, nth: (this.calls.get(method) ?? 0) + nth });
  }

  disarm(): void {
    this.#armed.clear();
  }

  #call<T>(method: keyof SessionStore, work: () => Promise<T>): Promise<T> {
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

  count() {
    return this.#call('count', () => this.inner.count());
  }
  get(sessionId: string) {
    return this.#call('get', () => this.inner.get(sessionId));
  }
  getByPin(pin: string) {
    return this.#call('getByPin', () => this.inner.getByPin(pin));
  }
  insert(record: SessionRecord) {
    return this.#call('insert', () => this.inner.insert(record));
  }
  touch(sessionId: string, at: number) {
    return this.#call('touch', () => this.inner.touch(sessionId, at));
  }
  setCoverage(pin: string, inCoverage: boolean) {
    return this.#call('setCoverage', () => this.inner.setCoverage(pin, inCoverage));
  }
  remove(sessionId: string) {
    return this.#call('remove', () => this.inner.remove(sessionId));
  }
  idleCandidates(statusBefore: number, limit: number) {
    return this.#call('idleCandidates', () => this.inner.idleCandidates(statusBefore, limit));
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
export async function brokenRules(bes: Bes, store: SessionStore = bes.sessions): Promise<string[]> {
  const broken: string[] = [];
  const cached = await records(store);
  const server = bes.sametime;
  if (server !== undefined) {
    for (const record of cached) {
      const session = server.session(record.connectionId);
      if (session === undefined) broken.push(`${record.sessionId} (${record.pin}) is cached without its Sametime session`);
      else if (session.userId !== record.userId) broken.push(`${record.sessionId} is cached for ${record.userId}, Sametime has ${session.userId}`);
    }
    const cachedConnections = new Set(cached.map((r) => r.connectionId));
    for (const session of server.sessions()) {
      if (!cachedConnections.has(session.connectionId)) broken.push(`Sametime session ${session.connectionId} (${session.userId}) has no cache entry`);
    }
    if (server.openConnectionCount !== server.openSessionCount) {
      broken.push(`${server.openConnectionCount - server.openSessionCount} connection(s) half-open at Sametime`);
    }
  }
  const service = bes.collaborationService;
  if (service.loginsUnderWay !== 0) broken.push(`${service.loginsUnderWay} slot(s) held by logins that are over`);
  if (service.openSessions !== cached.length) broken.push(`the service holds ${service.openSessions} sessions, the cache ${cached.length}`);
  const max = bes.config.maxSessions;
  if (max !== undefined && cached.length > max) broken.push(`${cached.length} sessions cached, maximum ${max}`);
  return broken;
}
