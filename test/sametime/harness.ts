import type { TraceEvent } from '../../src/pipeline/trace.js';
import { createRandom } from '../../src/random/seeded-random.js';
import {
  SametimeAdapter,
  SametimeServer,
  type LinkDirection,
  type SametimeAdapterOptions,
  type SametimeFault,
  type SametimeServerOptions,
} from '../../src/sametime/index.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { flush, passwordOf } from '../support/users.js';

export { flush };

/** The server's directory: three of the shared test users, with their passwords. */
export const USERS = { alice: passwordOf('alice'), bob: passwordOf('bob'), carol: passwordOf('carol') } as const;
export const PASSWORD = USERS.alice;

export interface CapturedChunk {
  readonly direction: LinkDirection;
  readonly linkId: string;
  readonly bytes: Uint8Array;
}

export interface HarnessOptions {
  readonly seed?: number;
  readonly capacity?: number;
  readonly fault?: SametimeFault;
  readonly latencyMs?: number;
  readonly loginTimeoutMs?: number;
  readonly server?: Partial<SametimeServerOptions>;
  readonly adapter?: Partial<SametimeAdapterOptions>;
}

/** A virtual clock, a simulated server, an adapter wired to it, and recorders for bytes and traces. */
export function harness(options: HarnessOptions = {}) {
  const clock = new VirtualClock();
  const random = createRandom(options.seed ?? 1533);
  const events: TraceEvent[] = [];
  const captured: CapturedChunk[] = [];
  const observe = (event: TraceEvent): void => {
    events.push(event);
  };
  const server = new SametimeServer({
    clock,
    random: random.fork('sametime-server'),
    capacity: options.capacity ?? 100,
    users: USERS,
    fault: options.fault ?? 'none',
    latencyMs: options.latencyMs ?? 0,
    observe,
    ...options.server,
  });
  const connector = server.connector({
    capture: (direction, bytes, linkId) => captured.push({ direction, linkId, bytes: bytes.slice() }),
  });
  const adapter = new SametimeAdapter({
    connector,
    clock,
    random: random.fork('sametime-adapter'),
    host: 'st.corp',
    sessionLimit: 100,
    loginTimeoutMs: options.loginTimeoutMs ?? 5_000,
    observe,
    ...options.adapter,
  });
  return { clock, server, adapter, connector, events, captured };
}

export function login(adapter: SametimeAdapter, userId: string, password: string, signal?: AbortSignal) {
  return adapter.login(
    signal === undefined ? { userId, password, pin: '2100000A' } : { userId, password, pin: '2100000A', signal },
  );
}

/** Every captured byte of one direction, in order. */
export function bytesOf(captured: readonly CapturedChunk[], direction?: LinkDirection): Uint8Array {
  const parts = captured.filter((c) => direction === undefined || c.direction === direction).map((c) => c.bytes);
  return Buffer.concat(parts);
}

/** The captured streams, one per (link, direction). */
export function streams(captured: readonly CapturedChunk[]): Map<string, Uint8Array> {
  const byKey = new Map<string, Uint8Array[]>();
  for (const c of captured) {
    const key = `${c.linkId} ${c.direction}`;
    let list = byKey.get(key);
    if (list === undefined) {
      list = [];
      byKey.set(key, list);
    }
    list.push(c.bytes);
  }
  return new Map(Array.from(byKey, ([k, parts]) => [k, Buffer.concat(parts)]));
}
