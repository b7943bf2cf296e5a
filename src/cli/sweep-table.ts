import type { SweepAxis, SweepPointResult, SweepResult } from '../simulation/sweep.js';
import { SWEEP_AXES } from '../simulation/sweep.js';
import { count, percent } from './format.js';

/** How the CLI names an axis: in a table's two header lines, in a sentence, and its values. */
export interface AxisText {
  readonly head: readonly [string, string];
  /** `maximum sessions`, `idle timeout (minutes)`. */
  readonly title: string;
  /** A value as a chart's axis shows it: `400`, `15`, `none`. */
  readonly value: (value: number | null) => string;
  /** A value in a sentence: `maximum 400 sessions`, `idle timeout 15 min`. */
  readonly phrase: (value: number | null) => string;
}

const minutes = (value: number | null): string => (value === null ? 'none' : String(value));

/** Each axis's words. */
export const AXIS_TEXT: Readonly<Record<SweepAxis, AxisText>> = {
  maxSessions: {
    head: ['max', 'sessions'],
    title: 'maximum sessions',
    value: (v) => (v === null ? 'none' : count(v)),
    phrase: (v) => (v === null ? 'no maximum' : `maximum ${count(v)} sessions`),
  },
  idleTimeoutMinutes: {
    head: ['idle', 'timeout'],
    title: 'idle timeout (minutes)',
    value: minutes,
    phrase: (v) => (v === null ? 'no idle timeout' : `idle timeout ${v} min`),
  },
  inactivityTimeoutMinutes: {
    head: ['inactivity', 'timeout'],
    title: 'inactivity timeout (minutes)',
    value: minutes,
    phrase: (v) => (v === null ? 'no inactivity timeout' : `inactivity timeout ${v} min`),
  },
  devices: {
    head: ['', 'devices'],
    title: 'devices',
    value: (v) => count(v ?? 0),
    phrase: (v) => `${count(v ?? 0)} devices`,
  },
};

/** The axes a sweep varied, in point order. */
export function sweptAxes(sweep: SweepResult): SweepAxis[] {
  return SWEEP_AXES.filter((axis) => sweep.axes[axis] !== undefined);
}

/** A table column: two header lines and each point's cell. */
interface Column {
  readonly head: readonly [string, string];
  readonly cell: (point: SweepPointResult) => string;
}

const FIGURES: readonly Column[] = [
  { head: ['', 'accepted'], cell: (p) => count(p.result.logins.statuses.accepted.count) },
  { head: ['server', 'busy'], cell: (p) => count(p.result.logins.statuses['server-busy'].count) },
  { head: ['busy', 'share'], cell: (p) => percent(p.result.logins.statuses['server-busy'].share) },
  { head: ['', 'failed'], cell: (p) => count(p.result.logins.statuses.failed.count) },
  { head: ['idle', 'logouts'], cell: (p) => count(p.result.idleLogouts.total) },
  { head: ['', 'peak'], cell: (p) => count(p.result.sessions.peak) },
];

/**
 * One row per point, in point order: the swept values, then logins accepted, answered Server Busy
 * (and their share of the logins tried), answered Failed, idle logouts and the peak of sessions.
 */
export function renderSweepTable(sweep: SweepResult): string {
  const columns: Column[] = [
    ...sweptAxes(sweep).map((axis) => ({
      head: AXIS_TEXT[axis].head,
      cell: (p: SweepPointResult) => AXIS_TEXT[axis].value(p.values[axis] ?? null),
    })),
    ...FIGURES,
  ];
  const rows = [
    columns.map((c) => c.head[0]),
    columns.map((c) => c.head[1]),
    ...sweep.points.map((p) => columns.map((c) => c.cell(p))),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padStart(widths[i]!)).join('  ')}`.trimEnd()).join('\n');
}
