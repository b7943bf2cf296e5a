import { count } from './format.js';
import { escapeXml } from './markup.js';

/** One quantity over the slices of the period; several are stacked, the first at the bottom. */
export interface TimelineSeries {
  readonly name: string;
  readonly color: string;
  readonly values: readonly number[];
}

export interface TimelineChartOptions {
  /** The chart's `id`, for the page and its tests. */
  readonly id: string;
  /** What the chart shows, for screen readers. */
  readonly label: string;
  readonly bucketMs: number;
  readonly endMs: number;
  readonly series: readonly TimelineSeries[];
  /** A line across the chart: the BES maximum. */
  readonly limit?: { readonly value: number; readonly label: string } | undefined;
}

const WIDTH = 760;
const HEIGHT = 240;
const LEFT = 60;
const RIGHT = 12;
const TOP = 14;
const BOTTOM = 28;

function hourLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A round number at least `n` and a little over it: the top of the scale. */
function roundUp(n: number): number {
  const over = Math.max(1, n * 1.05);
  const power = 10 ** Math.floor(Math.log10(over));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 10].map((m) => m * power).find((top) => top >= over)!;
}

/** Hours between two ticks of the time axis: at most about eight ticks. */
function tickEvery(endMs: number): number {
  const hours = endMs / 3_600_000;
  return [0.25, 0.5, 1, 2, 3, 4, 6, 12, 24, 48, 168].find((h) => hours / h <= 8) ?? 168;
}

/**
 * A bar chart of values over virtual time as SVG: one slot per slice of the period, the series
 * stacked, a scale on the left, the hours below. Hovering a slot shows its time and values (a
 * `data-tip` the page shows, and a `<title>` for when scripts are off).
 */
export function timelineChart(options: TimelineChartOptions): string {
  const { series, bucketMs, endMs } = options;
  const slots = Math.max(0, ...series.map((s) => s.values.length));
  const totals = Array.from({ length: slots }, (_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const top = roundUp(Math.max(1, ...totals, options.limit?.value ?? 0));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (v: number): number => TOP + plotHeight - (v / top) * plotHeight;
  const slot = plotWidth / Math.max(1, slots);
  const parts: string[] = [];

  for (const tick of [0, top / 2, top]) {
    parts.push(`<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(tick)}" y2="${y(tick)}"/>`);
    parts.push(`<text class="axis" x="${LEFT - 6}" y="${y(tick) + 4}" text-anchor="end">${count(tick)}</text>`);
  }
  const every = tickEvery(endMs) * 3_600_000;
  for (let at = 0; at <= endMs + 1; at += every) {
    const x = LEFT + (at / endMs) * plotWidth;
    parts.push(`<text class="axis" x="${x}" y="${HEIGHT - 8}" text-anchor="middle">${hourLabel(at)}</text>`);
  }
  for (let i = 0; i < slots; i++) {
    const from = i * bucketMs;
    const values = series.map((s) => `${s.name} ${count(s.values[i] ?? 0)}`).join(', ');
    const tip = escapeXml(`${hourLabel(from)}–${hourLabel(Math.min(endMs, from + bucketMs))}: ${values}`);
    const x = LEFT + i * slot;
    let base = 0;
    const bars = series.map((s) => {
      const v = s.values[i] ?? 0;
      const bar = `<rect x="${(x + slot * 0.08).toFixed(2)}" y="${y(base + v).toFixed(2)}" width="${(slot * 0.84).toFixed(2)}" height="${(y(base) - y(base + v)).toFixed(2)}" fill="${s.color}"/>`;
      base += v;
      return bar;
    });
    parts.push(
      `<g class="slot" data-slot="${i}" data-values="${series.map((s) => s.values[i] ?? 0).join(',')}" data-tip="${tip}"><title>${tip}</title>` +
        `<rect class="hover" x="${x.toFixed(2)}" y="${TOP}" width="${slot.toFixed(2)}" height="${plotHeight}"/>${bars.join('')}</g>`,
    );
  }
  if (options.limit !== undefined) {
    const ly = y(options.limit.value);
    parts.push(`<line class="limit" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${ly}" y2="${ly}"/>`);
    parts.push(
      `<text class="limit-label" x="${WIDTH - RIGHT - 4}" y="${ly - 5}" text-anchor="end">${escapeXml(options.limit.label)}</text>`,
    );
  }
  parts.push(`<line class="baseline" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(0)}" y2="${y(0)}"/>`);
  return (
    `<svg id="${options.id}" class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeXml(options.label)}" xmlns="http://www.w3.org/2000/svg">` +
    `${parts.join('')}</svg>`
  );
}
