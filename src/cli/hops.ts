import type { TraceEvent } from '../pipeline/trace.js';

/** A hop as traces name it: the core's, or a backend's own. */
export type Hop = TraceEvent['hop'];

/** A hop with the names the BES documentation gives it. */
export interface HopInfo {
  readonly hop: Hop;
  readonly name: string;
  readonly short: string;
}

const CORE_HOPS: readonly HopInfo[] = [
  { hop: 'device', name: 'BlackBerry device', short: 'Device' },
  { hop: 'router', name: 'BlackBerry Router', short: 'Router' },
  { hop: 'dispatcher', name: 'BlackBerry Dispatcher', short: 'Dispatcher' },
  { hop: 'collaboration-service', name: 'BlackBerry Collaboration Service', short: 'Collaboration' },
];

/** Each backend's two hops, adapter then server: Sametime's first, the default. */
const BACKEND_HOPS: readonly (readonly [HopInfo, HopInfo])[] = [
  [
    { hop: 'sametime-adapter', name: 'Sametime adapter', short: 'Adapter' },
    { hop: 'sametime-server', name: 'IBM Sametime server', short: 'Sametime' },
  ],
  [
    { hop: 'groupwise-adapter', name: 'GroupWise adapter', short: 'Adapter' },
    { hop: 'groupwise-server', name: 'Novell GroupWise Messenger server', short: 'GroupWise' },
  ],
];

/** Every hop a trace may name, as the BES documentation names them: the core in path order from the device, then each backend's. */
export const HOPS: readonly HopInfo[] = [...CORE_HOPS, ...BACKEND_HOPS.flat()];

/** A backend's server hop -> its adapter hop: the server only ever talks to its adapter. */
export const SERVER_ADAPTER: Readonly<Partial<Record<Hop, Hop>>> = Object.fromEntries(
  BACKEND_HOPS.map(([adapter, server]) => [server.hop, adapter.hop]),
);

/** The adapter's hop on a path from `pathHops`: the one after the core's four. */
export function adapterOf(path: readonly HopInfo[]): Hop | undefined {
  return path[CORE_HOPS.length]?.hop;
}

/** The path a login took, in order from the device: the core hops, then the adapter and server of the backend its events name (Sametime's if none). */
export function pathHops(events: readonly { readonly hop: Hop }[]): readonly HopInfo[] {
  const named = new Set(events.map((e) => e.hop));
  const backend = BACKEND_HOPS.find((pair) => pair.some((h) => named.has(h.hop))) ?? BACKEND_HOPS[0]!;
  return [...CORE_HOPS, ...backend];
}

export function hopName(hop: Hop): string {
  return HOPS.find((h) => h.hop === hop)?.name ?? hop;
}

/** The hop's name in a word, for narrow terminals and diagrams. */
export function shortHopName(hop: Hop): string {
  return HOPS.find((h) => h.hop === hop)?.short ?? hop;
}

/** Steps that put bytes on a link towards the next hop (or the previous one, on the way back). */
export const SENDS: ReadonlySet<string> = new Set(['sent', 'relayed', 'forwarded', 'sealed', 'connected']);
