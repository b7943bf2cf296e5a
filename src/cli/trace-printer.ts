import type { TraceEvent } from '../pipeline/trace.js';

type Hop = TraceEvent['hop'];
import type { LoginTrace } from '../simulation/result.js';
import { clockTime } from './format.js';
import { HOPS, SENDS, hopName } from './hops.js';

/** What a hop did, in a few words: `sent login-request`, `admission: admitted`. */
export function stepText(event: TraceEvent): string {
  const what = event.message === undefined ? event.action : `${event.action} ${event.message}`;
  return event.outcome === undefined ? what : `${what}: ${event.outcome}${event.reason === undefined ? '' : ` (${event.reason})`}`;
}

/** `sealed`, `plain` or nothing, for the bytes a step carried. */
export function sealedText(event: TraceEvent): string {
  return event.sealed === undefined ? '' : event.sealed ? 'sealed' : 'plain';
}

/** The hops the login crossed on its way in, each link marked with the port it crossed: `-[3101]->`. */
function path(events: readonly TraceEvent[]): string {
  const hops = new Set(events.map((e) => e.hop));
  const linkPort = (hop: Hop): number | undefined =>
    events.find((e) => e.hop === hop && e.direction === 'request' && SENDS.has(e.action) && e.port !== undefined)?.port;
  return HOPS.filter(({ hop }) => hops.has(hop))
    .map(({ hop, name }, i, crossed) => {
      if (i === crossed.length - 1) return name;
      const port = linkPort(hop);
      return `${name} ${port === undefined ? '->' : `-[${port}]->`}`;
    })
    .join(' ');
}

/** One device's login as a table: virtual time, hop, direction, port, bytes, sealed or not, step. */
export function renderTrace(trace: LoginTrace): string {
  const first = trace.events[0];
  const rows = trace.events.map((e) => [
    clockTime(e.at, true),
    hopName(e.hop),
    e.direction === 'request' ? '->' : '<-',
    e.port === undefined ? '' : String(e.port),
    e.bytes === undefined ? '' : String(e.bytes),
    sealedText(e),
    stepText(e),
  ]);
  const header = ['virtual time', 'hop', '', 'port', 'bytes', 'sealed', 'step'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const right = new Set([3, 4]);
  const line = (cells: readonly string[]): string =>
    `  ${cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [
    `Login of device ${trace.pin} (${trace.userId}) at ${first === undefined ? '?' : clockTime(first.at, true)} virtual time: ${trace.status}`,
    `  path: ${path(trace.events)}`,
    '',
    line(header),
    ...rows.map(line),
  ].join('\n');
}
