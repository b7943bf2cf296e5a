import { LOGIN_STATUSES, type LoginStatus } from '../pipeline/login-status.js';
import { permittedUsers } from '../simulation/population.js';
import type { ScenarioResult } from '../simulation/result.js';
import { clockTime, count, duration, percent } from './format.js';

/** The status names as a device shows them. */
export const STATUS_NAMES: Record<LoginStatus, string> = {
  accepted: 'accepted',
  'server-busy': 'server busy',
  failed: 'failed',
  'access-denied': 'access denied',
  'authentication-failed': 'authentication failed',
  'out-of-coverage': 'out of coverage',
  'no-response': 'no response',
};

/** The seed's statuses and the two of authentication and permission, listed even when none happened. */
const ALWAYS_LISTED: ReadonlySet<LoginStatus> = new Set([
  'accepted',
  'server-busy',
  'failed',
  'access-denied',
  'authentication-failed',
]);

/** One line of a run's summary, in the terminal and in the HTML report. */
export interface SummaryFigure {
  readonly label: string;
  /** A part of the figure above it (a status of the logins tried, a kind of idle logout). */
  readonly nested: boolean;
  /** Where the same figure is in `--json`'s document: `logins.statuses.server-busy.count`. */
  readonly path: string;
  readonly value: number;
  /** A share or a detail, after the figure. */
  readonly note?: string;
}

/** The figures of a run worth a line, in the order a person reads them. */
export function summaryFigures(result: ScenarioResult): SummaryFigure[] {
  const { logins, idleLogouts, sessions, air } = result;
  const figure = (label: string, path: string, value: number, note?: string, nested = false): SummaryFigure =>
    note === undefined ? { label, nested, path, value } : { label, nested, path, value, note };
  return [
    figure('Logins tried', 'logins.tried', logins.tried),
    ...LOGIN_STATUSES.filter((s) => ALWAYS_LISTED.has(s) || logins.statuses[s].count > 0).map((s) =>
      figure(
        STATUS_NAMES[s],
        `logins.statuses.${s}.count`,
        logins.statuses[s].count,
        percent(logins.statuses[s].share),
        true,
      ),
    ),
    figure('Sessions logged out as idle', 'idleLogouts.total', idleLogouts.total),
    figure('out of coverage', 'idleLogouts.outOfCoverage', idleLogouts.outOfCoverage, undefined, true),
    figure('no status messages', 'idleLogouts.noStatus', idleLogouts.noStatus, undefined, true),
    figure('Inactivity closes', 'inactivityLogouts', result.inactivityLogouts),
    figure('User logouts', 'userLogouts', result.userLogouts),
    figure(
      'Peak concurrent sessions',
      'sessions.peak',
      sessions.peak,
      sessions.peak === 0 ? undefined : `first at ${clockTime(sessions.peakAtMs)}`,
    ),
    figure('Sessions open at the end', 'sessions.openAtEnd', sessions.openAtEnd),
    figure(
      'Bytes on the air per login',
      'air.bytesPerLogin',
      air.bytesPerLogin,
      `(${count(air.requestBytesPerLogin)} up, ${count(air.replyBytesPerLogin)} down)`,
    ),
  ];
}

/** The scenario in three lines: the population, the BES rules, where the services are. */
export function describeRules(result: ScenarioResult): [population: string, rules: string, services: string] {
  const { bes, users } = result.scenario;
  const minutes = (m: number | null): string => (m === null ? 'none' : duration(m * 60_000));
  return [
    `${count(users.count)} users (${count(permittedUsers(result.scenario))} permitted), one device each; ` +
      `${percent(users.wrongPasswordRate)} of logins with a wrong password`,
    `maximum ${bes.maxSessions === null ? 'none' : `${count(bes.maxSessions)} sessions`}; ` +
      `idle timeout ${minutes(bes.idleTimeoutMinutes)}; inactivity timeout ${minutes(bes.inactivityTimeoutMinutes)}`,
    `Collaboration Service ${bes.collaborationService}; ` +
      (result.scenario.backend === 'groupwise'
        ? `GroupWise protocol limit ${count(bes.groupwiseSessionLimit)} sessions`
        : `Sametime API limit ${count(bes.sametimeSessionLimit)} sessions`),
  ];
}
