import { beforeAll, describe, expect, it } from 'vitest';
import { chartSlices, renderChart } from '../../src/cli/chart.js';
import { parseScenario, runScenario, type ScenarioInput, type ScenarioResult } from '../../src/simulation/index.js';

const atMaximum: ScenarioInput = {
  hours: 2,
  bes: { maxSessions: 20, idleTimeoutMinutes: null },
  users: { count: 120, permittedShare: 1, wrongPasswordRate: 0 },
  behaviour: { offlineMinutes: 10, sessionMinutes: 40 },
};
const belowMaximum: ScenarioInput = { ...atMaximum, bes: { maxSessions: 500 } };

let reached: ScenarioResult;
let notReached: ScenarioResult;
beforeAll(async () => {
  [reached, notReached] = await Promise.all([runScenario(atMaximum), runScenario(belowMaximum)]);
});

describe('the charts', () => {
  it.each([40, 60, 80, 100, 200])('fit a %i-column terminal, with no trailing spaces', (columns) => {
    for (const result of [reached, notReached]) {
      const lines = renderChart(result, columns).split('\n');
      for (const line of lines) {
        expect([...line].length, line).toBeLessThanOrEqual(columns);
        expect(line).toBe(line.trimEnd());
      }
    }
  });

  it('use the width they are given: at 200 columns the 60 slices of the run, at 40 fewer, joined', () => {
    const bars = (chart: string): number => /^ *0 └(─+)$/m.exec(chart)![1]!.length;
    expect(bars(renderChart(reached, 200))).toBe(60);
    expect(bars(renderChart(reached, 40))).toBeLessThanOrEqual(40 - 8);
    expect(bars(renderChart(reached, 40))).toBeGreaterThanOrEqual(20);
    expect(renderChart(reached, 20)).toBe(renderChart(reached, 40));
  });

  it('scale the sessions to the peak the run reached and mark the maximum when it was reached', () => {
    const chart = renderChart(reached, 80);
    expect(chart).toMatch(/^Concurrent sessions, peak per 2 min; the maximum, 20, reached$/m);
    expect(chart).toMatch(/^20 max ┤/m);
    const other = renderChart(notReached, 80);
    const peak = notReached.sessions.peak;
    expect(peak).toBeLessThan(500);
    expect(other).toMatch(/^Concurrent sessions, peak per 2 min; maximum 500, not reached$/m);
    expect(other).toMatch(new RegExp(`^ *${peak} ┤.*█`, 'm'));
    expect(other).not.toContain('max ┤');
  });

  it('say "none" when no login was turned away', () => {
    expect(renderChart(notReached, 80)).toMatch(/per 2 min\n +none$/);
  });
});

describe('chartSlices', () => {
  it('picks as many slices as fit, each a round length of time that divides the period', () => {
    const scenario = parseScenario({});
    expect(chartSlices(scenario, 80)).toBe(60); // 8 min
    expect(chartSlices(scenario, 40)).toBe(24); // 20 min
    expect(chartSlices(scenario, 200)).toBe(160); // 3 min
    expect(chartSlices(parseScenario({ hours: 2 }), 80)).toBe(60); // 2 min
    // 438 min: 6 min slices would be 73 bars, and nothing longer in the list divides it.
    expect(chartSlices(parseScenario({ hours: 7.3 }), 80)).toBe(69);
  });
});
