import type { TraceEvent } from '../pipeline/trace.js';
import type { LoginTrace } from '../simulation/result.js';
import { clockTime } from './format.js';
import { HOPS, hopName } from './hops.js';

/** What a hop did, in a few words: `sent login-request`, `admission: admitted`. */
export function stepText(event: TraceEvent): string {
  const what = event.message === undefined ? event.action : `${event.action} ${event.message}`;
  return event.outcome === undefined ? what : `${what}: ${event.outcome}${event.reason === undefined ? '' : ` (${event.reason})`}`;
}

/** `sealed`, `plain` or nothing, for the bytes a step carried. */
export function sealedText(event: TraceEvent): string {
  return event.sealed === undefined ? '' : event.sealed ? 'sealed' : 'plain';
}

/** The hops the login crossed on its way in, with the port it crossed each on. */
function path(events: readonly TraceEvent[]): string {
  const ports = new Map<string, number | undefined>();
  for (const { hop, port, direction } of events) {
    if (direction !== 'request') continue;
    if (!ports.has(hop) || (ports.get(hop) === undefined && port !== undefined)) ports.set(hop, port);
  }
  return HOPS.filter(({ hop }) => ports.has(hop))
    .map(({ hop, name }) => {
      const port = ports.get(hop);
      return port === undefined ? name : `${name} (${port})`;
    })
    .join(' -> ');
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
