import type { ScenarioResult } from '../simulation/result.js';
import { clockTime, count, duration, percent, wallTime } from './format.js';
import { escapeXml } from './markup.js';
import { STATUS_NAMES, describeRules, summaryFigures } from './summary-figures.js';
import type { WallFigures } from './summary.js';
import { sequenceSvg } from './svg-sequence.js';
import { timelineChart } from './svg-timeline.js';

const STYLE = `
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6775; --line: #d5dbe1; --accent: #1f6fb2; --busy: #d98a1c; --failed: #c23b3b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f8fa; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
p, dd { margin: 0; }
.rules { color: var(--muted); margin: 6px 0 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; }
.columns { display: grid; grid-template-columns: minmax(340px, 420px) 1fr; gap: 20px; align-items: start; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 3px 6px; text-align: left; font-weight: normal; white-space: nowrap; }
td.figure { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
td.note { color: var(--muted); font-variant-numeric: tabular-nums; white-space: normal; }
tr.nested th { padding-left: 22px; color: var(--muted); }
tr + tr:not(.nested) { border-top: 1px solid var(--line); }
.chart { width: 100%; height: auto; display: block; }
.chart .grid { stroke: var(--line); }
.chart .baseline { stroke: var(--ink); }
.chart .axis { fill: var(--muted); font-size: 11px; }
.chart .hover { fill: transparent; }
.chart .slot:hover .hover { fill: rgba(31, 111, 178, 0.10); }
.chart .limit { stroke: var(--failed); stroke-dasharray: 6 4; stroke-width: 1.5; }
.chart .limit-label { fill: var(--failed); font-size: 12px; }
.legend { display: flex; gap: 16px; color: var(--muted); font-size: 13px; margin: 4px 0 0; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 6px; background: var(--swatch); border-radius: 2px; }
.split { display: flex; height: 28px; border-radius: 4px; overflow: hidden; margin: 6px 0; background: var(--line); }
.split div { height: 100%; }
.split-legend { list-style: none; padding: 0; margin: 0; }
.split-legend li::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 8px; background: var(--swatch); border-radius: 2px; }
.scroll { overflow-x: auto; }
.sequence text { font-size: 11px; fill: var(--ink); }
.sequence .participant { fill: #e8f0f8; stroke: var(--accent); }
.sequence .participant-name { font-size: 12px; font-weight: 600; }
.sequence .lifeline { stroke: var(--line); stroke-dasharray: 4 3; }
.sequence .arrow line { stroke: var(--accent); stroke-width: 1.4; }
.sequence .arrow.back line { stroke-dasharray: 5 3; }
.sequence marker path { fill: var(--accent); }
.sequence .note rect { fill: #fff7e0; stroke: #e0c36a; }
.sequence .step-time { fill: var(--muted); font-variant-numeric: tabular-nums; white-space: pre; }
#tip { position: fixed; pointer-events: none; background: var(--ink); color: #fff; font-size: 12px; padding: 4px 8px; border-radius: 4px; display: none; }
footer { color: var(--muted); font-size: 13px; margin-top: 28px; }
`;

/** Shows a slot's `data-tip` next to the pointer. */
const SCRIPT = `
const tip = document.getElementById('tip');
document.addEventListener('mouseover', (event) => {
  const slot = event.target instanceof Element ? event.target.closest('[data-tip]') : null;
  if (slot === null) { tip.style.display = 'none'; return; }
  tip.textContent = slot.getAttribute('data-tip');
  tip.style.display = 'block';
});
document.addEventListener('mousemove', (event) => {
  tip.style.left = (event.clientX + 14) + 'px';
  tip.style.top = (event.clientY + 14) + 'px';
});
`;

function summaryTable(result: ScenarioResult): string {
  const rows = summaryFigures(result).map(
    ({ label, nested, path, value, note }) =>
      `<tr${nested ? ' class="nested"' : ''}><th>${escapeXml(label)}</th>` +
      `<td class="figure" data-figure="${escapeXml(path)}" data-value="${value}">${count(value)}</td>` +
      `<td class="note">${escapeXml(note ?? '')}</td></tr>`,
  );
  return `<table id="summary">${rows.join('')}</table>`;
}

function idleSplit(result: ScenarioResult): string {
  const { total, outOfCoverage, noStatus } = result.idleLogouts;
  const parts = [
    { value: outOfCoverage, label: 'out of coverage', color: '#6b8fb3', path: 'idleLogouts.outOfCoverage' },
    { value: noStatus, label: 'no status messages', color: '#8a6bb3', path: 'idleLogouts.noStatus' },
  ].map((p) => ({ ...p, share: total === 0 ? 0 : p.value / total }));
  const segments = parts.map(
    (p) =>
      `<div style="width:${(p.share * 100).toFixed(2)}%;background:${p.color}" title="${escapeXml(`${p.label}: ${count(p.value)} (${percent(p.share)})`)}"></div>`,
  );
  const legend = parts.map(
    (p) =>
      `<li style="--swatch:${p.color}">${escapeXml(p.label)}: <strong data-figure="${p.path}" data-value="${p.value}">${count(p.value)}</strong> (${percent(p.share)})</li>`,
  );
  const bar =
    total === 0
      ? '<p>No session was logged out as idle: the maximum was never reached, or no session was idle when it was.</p>'
      : `<div class="split" id="idle-split">${segments.join('')}</div><ul class="split-legend">${legend.join('')}</ul>`;
  const idle = result.scenario.bes.idleTimeoutMinutes;
  return (
    `<p>${count(total)} sessions logged out as idle to admit a login` +
    `${idle === null ? '' : ` (idle timeout ${duration(idle * 60_000)})`}, by why they counted as idle:</p>${bar}` +
    `<p class="rules">Besides: ${count(result.inactivityLogouts)} inactivity closes, ${count(result.userLogouts)} user logouts, ` +
    `${count(result.serverClosedSessions)} closed by Sametime.</p>`
  );
}

function charts(result: ScenarioResult): string {
  const { buckets, bucketMs } = result.timeline;
  const endMs = result.period.endMs;
  const maximum = result.scenario.bes.maxSessions;
  const sessions = timelineChart({
    id: 'sessions-chart',
    label: 'Concurrent sessions over the virtual period',
    bucketMs,
    endMs,
    series: [{ name: 'peak sessions', color: '#1f6fb2', values: buckets.map((b) => b.peakSessions) }],
    limit: maximum === null ? undefined : { value: maximum, label: `maximum ${count(maximum)}` },
  });
  const rejected = timelineChart({
    id: 'rejected-chart',
    label: 'Logins turned away for capacity over the virtual period',
    bucketMs,
    endMs,
    series: [
      { name: STATUS_NAMES['server-busy'], color: '#d98a1c', values: buckets.map((b) => b.serverBusy) },
      { name: STATUS_NAMES.failed, color: '#c23b3b', values: buckets.map((b) => b.failed) },
    ],
  });
  const slice = duration(bucketMs);
  return (
    `<h2>Concurrent sessions</h2><div class="card">${sessions}<p class="legend"><span style="--swatch:#1f6fb2">the most sessions open at once in each ${slice}</span>` +
    `${maximum === null ? '' : '<span style="--swatch:#c23b3b">the BES maximum</span>'}</p></div>` +
    `<h2>Logins turned away for capacity</h2><div class="card">${rejected}<p class="legend"><span style="--swatch:#d98a1c">server busy</span>` +
    `<span style="--swatch:#c23b3b">failed</span>per ${slice}</p></div>`
  );
}

function tracedLogin(result: ScenarioResult): string {
  const trace = result.trace;
  if (trace === undefined)
    return '<h2>A login, hop by hop</h2><div class="card"><p>No device logged in during the period.</p></div>';
  const first = trace.events[0];
  return (
    `<h2>A login, hop by hop</h2><div class="card"><p>Device ${escapeXml(trace.pin)} (${escapeXml(trace.userId)}) at ` +
    `${first === undefined ? '?' : clockTime(first.at, true)} virtual time: <strong id="traced-status">${escapeXml(trace.status)}</strong></p>` +
    `<div class="scroll">${sequenceSvg(trace)}</div></div>`
  );
}

/**
 * A run as one self-contained HTML page, with nothing to fetch: the summary table, SVG charts of
 * concurrent sessions and of logins turned away over the virtual period (hover shows the values),
 * the idle-logout split, and the traced login as a sequence diagram. Every figure carries its
 * place in `--json`'s document (`data-figure`) and its value (`data-value`).
 */
export function renderHtmlReport(result: ScenarioResult, wall: WallFigures, version: string): string {
  const { scenario, period } = result;
  const title = `bes-collab: scenario "${scenario.name}", seed ${JSON.stringify(scenario.seed)}`;
  const [population, rules, services] = describeRules(result);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeXml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeXml(title)}</h1>
<p class="rules">${escapeXml(population)}<br>BES: ${escapeXml(rules)}; ${escapeXml(services)}</p>
<p class="rules">Virtual period ${duration(period.endMs - period.startMs)} (${clockTime(period.startMs)} to ${clockTime(period.endMs)}); wall time ${wallTime(wall.ms)}.</p>
<div class="columns">
<section><h2>What happened</h2><div class="card">${summaryTable(result)}</div>
<h2>Sessions logged out as idle</h2><div class="card">${idleSplit(result)}</div></section>
<section>${charts(result)}</section>
</div>
${tracedLogin(result)}
<footer>Made by bes-collab ${escapeXml(version)}. The same scenario and seed give the same figures; only the wall time changes.</footer>
</main>
<div id="tip" role="tooltip"></div>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
