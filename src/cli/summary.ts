import type { ScenarioResult } from '../simulation/result.js';
import { clockTime, count, duration, wallTime, wrap } from './format.js';
import { describeRules, summaryFigures } from './summary-figures.js';
import { DEFAULT_COLUMNS, MIN_COLUMNS, escapeControls } from './terminal.js';

/** How long the run took on the wall clock: measured by the CLI, never by the simulation. */
export interface WallFigures {
  readonly ms: number;
  readonly loginsPerSecond: number;
}

/** Rows of `label  value  note`: labels to the left, values to the right, a share or a note after. */
function table(rows: readonly (readonly [label: string, value: string, note: string | undefined])[]): string[] {
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
  const { scenario, period } = result;
  const [population, rules, services] = describeRules(result);
  const rows = summaryFigures(result).map(
    ({ label, nested, value, note, path }) =>
      [
        nested ? `  ${label}` : label,
        count(value),
        path.startsWith('logins.statuses.') ? note?.padStart(6) : note,
      ] as const,
  );
  return [
    ...wrap(
      `bes-collab simulate: scenario "${escapeControls(scenario.name)}", seed ${escapeControls(JSON.stringify(scenario.seed))}`,
      width,
      '',
      '  ',
    ),
    '',
    ...wrap(population, width, '  Population  ', indent),
    ...wrap(rules, width, '  BES         ', indent),
    ...wrap(services, width, indent, indent),
    '',
    ...table(rows),
    '',
    `  Virtual period  ${duration(period.endMs - period.startMs)} (${clockTime(period.startMs)} to ${clockTime(period.endMs)})`,
    `  Wall time       ${wallTime(wall.ms)}, ${count(wall.loginsPerSecond)} logins per wall second`,
  ].join('\n');
}
