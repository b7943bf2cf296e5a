import type { TraceEvent } from '../pipeline/trace.js';

/** A hop as traces name it: the core's, or a backend's own. */
export type Hop = TraceEvent['hop'];

/** The hops as the BES documentation names them, in path order from the device. */
export const HOPS: readonly { readonly hop: Hop; readonly name: string; readonly short: string }[] = [
  { hop: 'device', name: 'BlackBerry device', short: 'Device' },
  { hop: 'router', name: 'BlackBerry Router', short: 'Router' },
  { hop: 'dispatcher', name: 'BlackBerry Dispatcher', short: 'Dispatcher' },
  { hop: 'collaboration-service', name: 'BlackBerry Collaboration Service', short: 'Collaboration' },
  { hop: 'sametime-adapter', name: 'Sametime adapter', short: 'Adapter' },
  { hop: 'sametime-server', name: 'IBM Sametime server', short: 'Sametime' },
];

export function hopName(hop: Hop): string {
  return HOPS.find((h) => h.hop === hop)?.name ?? hop;
}

/** The hop's name in a word, for narrow terminals and diagrams. */
export function shortHopName(hop: Hop): string {
  return HOPS.find((h) => h.hop === hop)?.short ?? hop;
}

/** Steps that put bytes on a link towards the next hop (or the previous one, on the way back). */
export const SENDS: ReadonlySet<string> = new Set(['sent', 'relayed', 'forwarded', 'sealed', 'connected']);
