import { permittedUsers } from '../simulation/population.js';
import { LOGIN_STATUSES, type LoginStatus } from '../pipeline/login-status.js';
import type { ScenarioResult } from '../simulation/result.js';
import { clockTime, count, duration, percent, wallTime, wrap } from './format.js';
import { DEFAULT_COLUMNS, MIN_COLUMNS } from './terminal.js';

/** How long the run took on the wall clock: measured by the CLI, never by the simulation. */
export interface WallFigures {
  readonly ms: number;
  readonly loginsPerSecond: number;
}

/** The status names as a device shows them. */
const STATUS_NAMES: Record<LoginStatus, string> = {
  accepted: 'accepted',
  'server-busy': 'server busy',
  failed: 'failed',
  'access-denied': 'access denied',
  'authentication-failed': 'authentication failed',
  'out-of-coverage': 'out of coverage',
  'no-response': 'no response',
};

/** The seed's statuses and the two of authentication and permission, listed even when none happened. */
const ALWAYS_LISTED: ReadonlySet<LoginStatus> = new Set(['accepted', 'server-busy', 'failed', 'access-denied', 'authentication-failed']);

function describeRules(result: ScenarioResult): string[] {
  const { bes, users } = result.scenario;
  const minutes = (m: number | null): string => (m === null ? 'none' : duration(m * 60_000));
  return [
    `${count(users.count)} users (${count(permittedUsers(result.scenario))} permitted), one device each; ` +
      `${percent(users.wrongPasswordRate)} of logins with a wrong password`,
    `maximum ${bes.maxSessions === null ? 'none' : `${count(bes.maxSessions)} sessions`}; ` +
      `idle timeout ${minutes(bes.idleTimeoutMinutes)}; inactivity timeout ${minutes(bes.inactivityTimeoutMinutes)}`,
    `Collaboration Service ${bes.collaborationService}; Sametime API limit ${count(bes.sametimeSessionLimit)} sessions`,
  ];
}

/** Rows of `label  value  note`: labels to the left, values to the right, a share or a note after. */
function table(rows: readonly (readonly [label: string, value: string, note?: string])[]): string[] {
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows.map(([label, value, note]) =>
    `  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}  ${note ?? ''}`.trimEnd(),
  );
}

/**
 * The figures of a run for a person: what the scenario was, what happened, and how long it took;
 * the description of the scenario wrapped to a terminal `columns` wide.
 */
export function renderSummary(result: ScenarioResult, wall: WallFigures, columns = DEFAULT_COLUMNS): string {
  const width = Math.max(MIN_COLUMNS, columns);
  const indent = ' '.repeat(14);
  const { scenario, logins, idleLogouts, sessions, air, period } = result;
  const statusRows = LOGIN_STATUSES.filter((s) => ALWAYS_LISTED.has(s) || logins.statuses[s].count > 0).map(
    (s) => [`  ${STATUS_NAMES[s]}`, count(logins.statuses[s].count), percent(logins.statuses[s].share).padStart(6)] as const,
  );
  const rules = describeRules(result);
  return [
    ...wrap(`bes-collab simulate: scenario "${scenario.name}", seed ${JSON.stringify(scenario.seed)}`, width, '', '  '),
    '',
    ...wrap(rules[0]!, width, '  Population  ', indent),
    ...wrap(rules[1]!, width, '  BES         ', indent),
    ...wrap(rules[2]!, width, indent, indent),
    '',
    ...table([
      ['Logins tried', count(logins.tried)],
      ...statusRows,
      ['Sessions logged out as idle', count(idleLogouts.total)],
      ['  out of coverage', count(idleLogouts.outOfCoverage)],
      ['  no status messages', count(idleLogouts.noStatus)],
      ['Inactivity closes', count(result.inactivityLogouts)],
      ['User logouts', count(result.userLogouts)],
      ['Peak concurrent sessions', count(sessions.peak), sessions.peak === 0 ? '' : `first at ${clockTime(sessions.peakAtMs)}`],
      ['Sessions open at the end', count(sessions.openAtEnd)],
      ['Bytes on the air per login', count(air.bytesPerLogin), `(${count(air.requestBytesPerLogin)} up, ${count(air.replyBytesPerLogin)} down)`],
    ]),
    '',
    `  Virtual period  ${duration(period.endMs - period.startMs)} (${clockTime(period.startMs)} to ${clockTime(period.endMs)})`,
    `  Wall time       ${wallTime(wall.ms)}, ${count(wall.loginsPerSecond)} logins per wall second`,
  ].join('\n');
}
