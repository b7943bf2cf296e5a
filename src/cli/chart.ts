import type { Scenario } from '../simulation/scenario.js';
import type { ScenarioResult, TimelineBucket } from '../simulation/result.js';
import { count, duration, wrap } from './format.js';
import { MIN_COLUMNS } from './terminal.js';

const EIGHTHS = ' ▁▂▃▄▅▆▇█';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** Slices a person reads at a glance: a chart uses the shortest that fits its width. */
const ROUND_SLICES = [
  ...[1, 2, 5, 10, 15, 20, 30].map((s) => s * SECOND),
  ...[1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30].map((m) => m * MINUTE),
  ...[1, 2, 3, 4, 6, 8, 12, 24, 48, 72, 168].map((h) => h * HOUR),
];
/** The marker after the top label when the top is the BES maximum. */
const MAXIMUM_MARK = ' max';

function hours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The widest a chart's value labels can be for this scenario, known before it runs. */
function labelReserve(scenario: Scenario): number {
  const most = scenario.users.count * (scenario.behaviour.retries + 1);
  return count(most).length + MAXIMUM_MARK.length;
}

/**
 * How many slices of the period the charts should have on a terminal `columns` wide: as many as
 * fit, each a round length of time (8 min, 15 min, 1 h) when one divides the period.
 */
export function chartSlices(scenario: Scenario, columns: number): number {
  const endMs = Math.round(scenario.hours * HOUR);
  const bars = Math.max(MIN_COLUMNS, columns) - labelReserve(scenario) - 2;
  const round = ROUND_SLICES.find((slice) => endMs % slice === 0 && endMs / slice <= bars);
  return round === undefined ? Math.max(1, bars) : Math.max(1, endMs / round);
}

/** Neighbouring values joined so that there are at most `bars` of them. */
function joinToFit(values: readonly number[], bars: number, join: (a: number, b: number) => number): number[] {
  if (values.length <= bars) return [...values];
  const per = Math.ceil(values.length / bars);
  const joined: number[] = [];
  for (let i = 0; i < values.length; i += per) joined.push(values.slice(i, i + per).reduce(join));
  return joined;
}

/** A label under a bar chart: its text, centred at `at` (a fraction of the chart's width, 0 to 1). */
export interface AxisLabel {
  readonly at: number;
  readonly text: string;
}

/**
 * The line under `columns` bars: each label centred where it belongs, kept inside the chart, left
 * out where it would touch the one before it.
 */
export function axisLine(columns: number, labels: readonly AxisLabel[]): string {
  const axis = Array.from({ length: columns }, () => ' ');
  let free = 0;
  for (const { at, text } of labels) {
    const start = Math.max(0, Math.min(columns - text.length, Math.round(at * columns) - Math.floor(text.length / 2)));
    if (start < free || start + text.length > columns) continue;
    axis.splice(start, text.length, ...text);
    free = start + text.length + 1;
  }
  return axis.join('').trimEnd();
}

/** How a bar chart is drawn: its height, its labels' width, its top and what lies under it. */
export interface BarChartOptions {
  readonly rows: number;
  readonly labelWidth: number;
  /** The value of a full bar; default the largest value (at least 1). */
  readonly top?: number;
  /** The top's label; default the top as a count. */
  readonly topLabel?: (top: number) => string;
  /** The labels under the bars. */
  readonly axis: readonly AxisLabel[];
}

/**
 * One bar per value, `rows` high in eighth blocks, scaled to the top; the top is labelled, the base
 * line with 0 and the axis's labels below it. No trailing spaces.
 */
export function barChart(values: readonly number[], options: BarChartOptions): string[] {
  const { rows, labelWidth } = options;
  const top = options.top ?? Math.max(1, ...values);
  const topLabel = options.topLabel ?? count;
  const heights = values.map((v) => Math.round((v / top) * rows * 8));
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    const cells = heights.map((h) => EIGHTHS[Math.max(0, Math.min(8, h - row * 8))]!).join('');
    lines.push(`${(row === rows - 1 ? topLabel(top) : '').padStart(labelWidth)} ┤${cells}`.trimEnd());
  }
  lines.push(`${'0'.padStart(labelWidth)} └${'─'.repeat(values.length)}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${axisLine(values.length, options.axis)}`.trimEnd());
  return lines;
}

/** The virtual time under a chart of the period: its start, quarters and end. */
function hoursAxis(endMs: number): AxisLabel[] {
  return [0, 0.25, 0.5, 0.75, 1].map((fraction) => ({ at: fraction, text: hours(fraction * endMs) }));
}

function sessionsTitle(result: ScenarioResult, slice: string, peak: number): string {
  const maximum = result.scenario.bes.maxSessions;
  const head = `Concurrent sessions, peak per ${slice}`;
  if (maximum === null) return `${head}; no maximum`;
  return peak >= maximum
    ? `${head}; the maximum, ${count(maximum)}, reached`
    : `${head}; maximum ${count(maximum)}, not reached`;
}

/**
 * Concurrent sessions (the peak of each slice of the period, scaled to the run's peak, the BES
 * maximum marked when it was reached) and logins turned away for capacity (server busy plus
 * failed), over virtual time, in block characters, fitted to a terminal `columns` wide (40 at least).
 */
export function renderChart(result: ScenarioResult, columns: number): string {
  const { buckets, bucketMs } = result.timeline;
  const endMs = result.period.endMs;
  const maximum = result.scenario.bes.maxSessions;
  const peakOf = (b: TimelineBucket): number => b.peakSessions;
  const rejectedOf = (b: TimelineBucket): number => b.serverBusy + b.failed;
  const peak = Math.max(0, ...buckets.map(peakOf));
  const mark = maximum !== null && peak >= maximum ? MAXIMUM_MARK : '';
  const anyRejected = buckets.some((b) => rejectedOf(b) > 0);
  // Joining slices to fit can make the labels wider, and wider labels leave fewer columns: repeat until settled.
  let labelWidth = 0;
  let sessions: number[] = [];
  let rejected: number[] = [];
  for (let width = 1; width !== labelWidth; ) {
    labelWidth = width;
    const bars = Math.max(MIN_COLUMNS, columns) - labelWidth - 2;
    sessions = joinToFit(buckets.map(peakOf), bars, Math.max);
    rejected = joinToFit(buckets.map(rejectedOf), bars, (a, b) => a + b);
    width = Math.max(labelWidth, `${count(Math.max(1, peak))}${mark}`.length, count(Math.max(1, ...rejected)).length);
  }
  const slice = duration((bucketMs * buckets.length) / sessions.length);
  const width = Math.max(MIN_COLUMNS, columns);
  const lines = [
    ...wrap(sessionsTitle(result, slice, peak), width, '', '  '),
    ...barChart(sessions, { rows: 8, labelWidth, topLabel: (top) => `${count(top)}${mark}`, axis: hoursAxis(endMs) }),
    '',
    ...wrap(`Logins turned away for capacity (server busy + failed), per ${slice}`, width, '', '  '),
  ];
  if (!anyRejected) lines.push(`${' '.repeat(labelWidth + 2)}none`);
  else lines.push(...barChart(rejected, { rows: 4, labelWidth, axis: hoursAxis(endMs) }));
  return lines.join('\n');
}
