import type { SweepAxis, SweepPointResult, SweepResult } from '../simulation/sweep.js';
import { barChart, type AxisLabel } from './chart.js';
import { percent, wrap } from './format.js';
import { AXIS_TEXT, sweptAxes } from './sweep-table.js';
import { MIN_COLUMNS } from './terminal.js';

/** The widest a point's bar gets, however wide the terminal. */
const MAX_BAR = 6;
const ROWS = 6;

const busyShare = (point: SweepPointResult): number => point.result.logins.statuses['server-busy'].share;

/** The axis along the chart: the one with the most values (the first of them on a tie). */
function alongAxis(sweep: SweepResult): SweepAxis {
  const axes = sweptAxes(sweep);
  return axes.reduce((best, axis) => (sweep.axes[axis]!.length > sweep.axes[best]!.length ? axis : best), axes[0]!);
}

/** The points in groups, one per combination of the other axes' values, each in the order of the chart's axis. */
function groups(sweep: SweepResult, along: SweepAxis): SweepPointResult[][] {
  const others = sweptAxes(sweep).filter((axis) => axis !== along);
  const byKey = new Map<string, SweepPointResult[]>();
  for (const point of sweep.points) {
    const key = others.map((axis) => String(point.values[axis])).join(' ');
    const group = byKey.get(key) ?? [];
    group.push(point);
    byKey.set(key, group);
  }
  return [...byKey.values()];
}

/**
 * Bars of the given shares across `room` columns: each point a bar as wide as fits (at most
 * `MAX_BAR`) after a one-column gap; with more points than columns, neighbours share a column
 * (the higher share shows). The labels sit under the bars.
 */
function layout(
  shares: readonly number[],
  texts: readonly string[],
  room: number,
): { cells: number[]; axis: AxisLabel[] } {
  const n = shares.length;
  if (n > room) {
    const per = Math.ceil(n / room);
    const cells: number[] = [];
    for (let i = 0; i < n; i += per) cells.push(Math.max(...shares.slice(i, i + per)));
    const axis = [0, n - 1].map((i) => ({ at: (Math.floor(i / per) + 0.5) / cells.length, text: texts[i]! }));
    return { cells, axis };
  }
  const slot = Math.floor(room / n);
  const gap = slot >= 2 ? 1 : 0;
  const bar = Math.min(MAX_BAR, slot - gap);
  const width = n * (bar + gap);
  const cells = shares.flatMap((share) => [...Array<number>(gap).fill(0), ...Array<number>(bar).fill(share)]);
  const axis = texts.map((text, i) => ({ at: (i * (bar + gap) + gap + bar / 2) / width, text }));
  return { cells, axis };
}

/**
 * The Server Busy share of the logins tried against the swept value with the most values, one
 * chart per combination of the other swept values, on one scale (`none` for one with no Server
 * Busy at all), fitted to a terminal `columns` wide (40 at least).
 */
export function renderSweepChart(sweep: SweepResult, columns: number): string {
  const width = Math.max(MIN_COLUMNS, columns);
  const along = alongAxis(sweep);
  const top = Math.max(...sweep.points.map(busyShare));
  const title = `Server Busy share of the logins tried, by ${AXIS_TEXT[along].title}`;
  if (top === 0) return [...wrap(`${title}: none at any point`, width, '', '  ')].join('\n');
  const labelWidth = percent(top).length;
  const others = sweptAxes(sweep).filter((axis) => axis !== along);
  const lines: string[] = [];
  for (const group of groups(sweep, along)) {
    const first = group[0]!;
    const where = others.map((axis) => AXIS_TEXT[axis].phrase(first.values[axis] ?? null)).join(', ');
    if (lines.length > 0) lines.push('');
    lines.push(...wrap(where === '' ? title : `${title}; ${where}`, width, '', '  '));
    if (group.every((point) => busyShare(point) === 0)) {
      lines.push(`${' '.repeat(labelWidth + 2)}none`);
      continue;
    }
    const { cells, axis } = layout(
      group.map(busyShare),
      group.map((point) => AXIS_TEXT[along].value(point.values[along] ?? null)),
      width - labelWidth - 2,
    );
    lines.push(...barChart(cells, { rows: ROWS, labelWidth, top, topLabel: percent, axis }));
  }
  return lines.join('\n');
}
