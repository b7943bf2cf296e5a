import type { TraceEvent } from '../pipeline/trace.js';

import type { LoginTrace } from '../simulation/result.js';
import { causalOrder } from './causal-order.js';
import { clockTime, count, wrap } from './format.js';
import { HOPS, SENDS, hopName, shortHopName, type Hop } from './hops.js';
import { MIN_COLUMNS } from './terminal.js';

/** What a hop did, in a few words: `sent login-request`, `admission: admitted`. */
export function stepText(event: TraceEvent): string {
  const what = event.message === undefined ? event.action : `${event.action} ${event.message}`;
  return event.outcome === undefined
    ? what
    : `${what}: ${event.outcome}${event.reason === undefined ? '' : ` (${event.reason})`}`;
}

/** `sealed`, `plain` or nothing, for the bytes a step carried. */
export function sealedText(event: TraceEvent): string {
  return event.sealed === undefined ? '' : event.sealed ? 'sealed' : 'plain';
}

/** Holds a hop's name together when the path is wrapped. */
const NO_BREAK = '\u00a0';

/**
 * The hops the login crossed on its way in, each link marked with the port it crossed: `-[3101]->`.
 * The spaces inside a hop's name are no-break spaces, for `wrap`.
 */
function path(events: readonly TraceEvent[]): string {
  const hops = new Set(events.map((e) => e.hop));
  const linkPort = (hop: Hop): number | undefined =>
    events.find((e) => e.hop === hop && e.direction === 'request' && SENDS.has(e.action) && e.port !== undefined)?.port;
  return HOPS.filter(({ hop }) => hops.has(hop))
    .map(({ hop, name }, i, crossed) => {
      const unbroken = name.replaceAll(' ', NO_BREAK);
      if (i === crossed.length - 1) return unbroken;
      const port = linkPort(hop);
      return `${unbroken} ${port === undefined ? '->' : `-[${port}]->`}`;
    })
    .join(' ');
}

interface Row {
  readonly step: string;
  /** The virtual time, to the millisecond; empty when it is the row above's. */
  readonly time: string;
  readonly hop: Hop;
  readonly arrow: string;
  readonly port: string;
  readonly bytes: string;
  readonly sealed: string;
  readonly what: string;
}

function rows(events: readonly TraceEvent[]): Row[] {
  return events.map((e, i) => ({
    step: String(i + 1),
    time: i > 0 && events[i - 1]!.at === e.at ? '' : clockTime(e.at, true),
    hop: e.hop,
    arrow: e.direction === 'request' ? '->' : '<-',
    port: e.port === undefined ? '' : String(e.port),
    bytes: e.bytes === undefined ? '' : count(e.bytes),
    sealed: sealedText(e),
    what: stepText(e),
  }));
}

/** One row a line: step, virtual time, hop, direction, port, bytes, sealed or not, what it did. */
function table(all: readonly Row[], name: (hop: Hop) => string): string[] {
  const header = ['#', 'virtual time', 'hop', '', 'port', 'bytes', 'sealed', 'step'];
  const cells = all.map((r) => [r.step, r.time, name(r.hop), r.arrow, r.port, r.bytes, r.sealed, r.what]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const right = new Set([0, 4, 5]);
  const line = (row: readonly string[]): string =>
    `  ${row.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...cells.map(line)];
}

/**
 * Two lines a row, for a narrow terminal: step, time, hop, direction and port; then, indented, what
 * it did and the bytes. Hops get their short names, then the hop column its alignment, when the
 * lines would not fit otherwise.
 */
function twoLines(all: readonly Row[], columns: number): string[] {
  const stepWidth = Math.max(...all.map((r) => r.step.length));
  const timeWidth = Math.max(...all.map((r) => r.time.length));
  const aligned = (r: Row, name: (hop: Hop) => string): string =>
    `  ${r.step.padStart(stepWidth)}  ${r.time.padEnd(timeWidth)}  ${name(r.hop)} ${r.arrow} ${r.port}`.trimEnd();
  const packed = (r: Row, name: (hop: Hop) => string): string =>
    `  ${r.step.padStart(stepWidth)}  ${r.time === '' ? '' : `${r.time}  `}${name(r.hop)} ${r.arrow} ${r.port}`.trimEnd();
  const fits = (line: (r: Row, name: (hop: Hop) => string) => string, name: (hop: Hop) => string): boolean =>
    all.every((r) => line(r, name).length <= columns);
  const [first, long] = fits(aligned, hopName)
    ? [aligned, true]
    : fits(aligned, shortHopName)
      ? [aligned, false]
      : [packed, fits(packed, hopName)];
  const indent = ' '.repeat(2 + stepWidth + 2);
  return all.flatMap((r) => {
    const bytes = r.bytes === '' ? '' : `, ${r.bytes} bytes${r.sealed === '' ? '' : ` ${r.sealed}`}`;
    return [first(r, long ? hopName : shortHopName), ...wrap(`${r.what}${bytes}`, columns, indent, `${indent}  `)];
  });
}

/**
 * One device's login, in causal order, for a terminal `columns` wide: a table when it fits (with
 * the hops' short names if need be), two lines a step when it does not. Times are virtual, to the
 * millisecond, shown when they change.
 */
export function renderTrace(trace: LoginTrace, columns: number): string {
  const width = Math.max(MIN_COLUMNS, columns);
  const events = causalOrder(trace.events);
  const first = events[0];
  const all = rows(events);
  const fits = (lines: readonly string[]): boolean => lines.every((line) => line.length <= width);
  const body = [table(all, hopName), table(all, shortHopName)].find(fits) ?? twoLines(all, width);
  const at = first === undefined ? '?' : clockTime(first.at, true);
  return [
    ...wrap(`Login of device ${trace.pin} (${trace.userId}) at ${at} virtual time: ${trace.status}`, width, '', '  '),
    ...wrap(path(events), width, '  path: ', '        ').map((line) => line.replaceAll(NO_BREAK, ' ')),
    '',
    ...body,
  ].join('\n');
}
