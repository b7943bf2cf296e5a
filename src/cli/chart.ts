import type { ScenarioResult } from '../simulation/result.js';
import { count, duration } from './format.js';

const EIGHTHS = ' ▁▂▃▄▅▆▇█';

function hours(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * One bar per value, `rows` high in eighth blocks, scaled to `top` (at least the largest value);
 * the top is labelled with it, the base line with 0 and the virtual time below it.
 */
function barChart(values: readonly number[], atLeast: number, rows: number, endMs: number, labelWidth: number): string[] {
  const top = Math.max(1, atLeast, ...values);
  const heights = values.map((v) => Math.round((v / top) * rows * 8));
  const lines: string[] = [];
  for (let row = rows - 1; row >= 0; row--) {
    const cells = heights.map((h) => EIGHTHS[Math.max(0, Math.min(8, h - row * 8))]!).join('');
    lines.push(`${(row === rows - 1 ? count(top) : '').padStart(labelWidth)} ┤${cells}`);
  }
  lines.push(`${'0'.padStart(labelWidth)} └${'─'.repeat(values.length)}`);
  const axis = Array.from({ length: values.length }, () => ' ');
  let free = 0;
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    const text = hours(fraction * endMs);
    const start = Math.max(0, Math.min(values.length - text.length, Math.round(fraction * values.length) - Math.floor(text.length / 2)));
    if (start < free) continue;
    axis.splice(start, text.length, ...text);
    free = start + text.length + 1;
  }
  lines.push(`${' '.repeat(labelWidth + 2)}${axis.join('').trimEnd()}`);
  return lines;
}

/**
 * Concurrent sessions (the peak of each slice of the period) and logins turned away for capacity
 * (server busy plus failed), over virtual time, in block characters.
 */
export function renderChart(result: ScenarioResult): string {
  const { buckets, bucketMs } = result.timeline;
  const endMs = result.period.endMs;
  const maximum = result.scenario.bes.maxSessions;
  const sessions = buckets.map((b) => b.peakSessions);
  const rejected = buckets.map((b) => b.serverBusy + b.failed);
  const labelWidth = count(Math.max(1, maximum ?? 0, ...sessions, ...rejected)).length;
  const slice = duration(bucketMs);
  const lines = [
    `Concurrent sessions, peak per ${slice}${maximum === null ? ', no maximum' : `, maximum ${count(maximum)}`}`,
    ...barChart(sessions, maximum ?? 0, 8, endMs, labelWidth),
    '',
    `Logins turned away for capacity (server busy + failed), per ${slice}`,
  ];
  if (rejected.every((r) => r === 0)) lines.push(`${' '.repeat(labelWidth + 2)}none`);
  else lines.push(...barChart(rejected, 0, 4, endMs, labelWidth));
  return lines.join('\n');
}
