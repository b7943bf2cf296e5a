import type { TraceEvent } from '../pipeline/trace.js';

type Hop = TraceEvent['hop'];

/** The hops as the BES documentation names them, in path order from the device. */
export const HOPS: readonly { readonly hop: Hop; readonly name: string }[] = [
  { hop: 'device', name: 'BlackBerry device' },
  { hop: 'router', name: 'BlackBerry Router' },
  { hop: 'dispatcher', name: 'BlackBerry Dispatcher' },
  { hop: 'collaboration-service', name: 'BlackBerry Collaboration Service' },
  { hop: 'sametime-adapter', name: 'Sametime adapter' },
  { hop: 'sametime-server', name: 'IBM Sametime server' },
];

export function hopName(hop: Hop): string {
  return HOPS.find((h) => h.hop === hop)?.name ?? hop;
}

/** Steps that put bytes on a link towards the next hop (or the previous one, on the way back). */
export const SENDS: ReadonlySet<string> = new Set(['sent', 'relayed', 'forwarded', 'sealed', 'connected']);
