import { describe, expect, it } from 'vitest';
import { progressBar, progressLine } from '../../src/cli/progress.js';
import type { ScenarioProgress } from '../../src/simulation/run-scenario.js';
import { terminalOf } from '../../src/cli/terminal.js';

function fakeStream(): { stream: NodeJS.WritableStream; written: string[] } {
  const written: string[] = [];
  const stream = { write: (text: string) => written.push(text) } as unknown as NodeJS.WritableStream;
  return { stream, written };
}

const running = (atMs: number, loginsTried = 1234): ScenarioProgress => ({
  phase: 'run',
  devicesReady: 3000,
  devices: 3000,
  atMs,
  endMs: 10_000,
  loginsTried,
});
const settingUp = (devicesReady: number): ScenarioProgress => ({
  phase: 'setup',
  devicesReady,
  devices: 100_000,
  atMs: 0,
  endMs: 10_000,
  loginsTried: 0,
});

/** A clock the test moves: the bar draws only after a moment, and at most every 100 ms. */
function clock(): { now: () => number; pass: (ms: number) => void } {
  let t = 0;
  return { now: () => t, pass: (ms) => (t += ms) };
}

/** What a terminal shows after these writes: the text after the last erase or carriage return. */
function visible(written: readonly string[]): string {
  const all = written.join('');
  return all.slice(Math.max(all.lastIndexOf('\r'), all.lastIndexOf('\x1b[K') + 2) + 1);
}

describe('progressBar', () => {
  it('writes nothing when standard error is not a terminal, or with --no-progress', () => {
    for (const [terminal, enabled] of [
      [terminalOf({ isTTY: false }, {}), true],
      [terminalOf({ isTTY: true, columns: 100 }, {}), false],
    ] as const) {
      const { stream, written } = fakeStream();
      const time = clock();
      const bar = progressBar(stream, { terminal, enabled, now: time.now });
      time.pass(1000);
      bar.update(running(5000));
      bar.done();
      expect(written).toEqual([]);
    }
  });

  it('stays quiet for a short run, then draws on a terminal and clears the line at the end', () => {
    const time = clock();
    const { stream, written } = fakeStream();
    const bar = progressBar(stream, {
      terminal: terminalOf({ isTTY: true, columns: 100 }, { TERM: 'xterm', NO_COLOR: '1' }),
      enabled: true,
      now: time.now,
    });
    bar.update(running(1000, 5));
    expect(written).toEqual([]);
    time.pass(1000);
    bar.update(running(5000));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\r\x1b\[K█{20}░{20} 50% {2}virtual 00:00:05 {2}1,234 logins$/);
    time.pass(50);
    bar.update(running(6000));
    expect(written).toHaveLength(1); // at most every 100 ms
    bar.done();
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it.each([40, 60, 100, 200])(
    'never fills the last column of a %i-column terminal, so the terminal never wraps it',
    (columns) => {
      for (const progress of [running(2500, 123_456_789), settingUp(45_000)]) {
        const line = progressLine(progress, columns);
        const width = (line.bar === 0 ? 0 : line.bar + 1) + line.text.length;
        expect(width).toBeLessThanOrEqual(columns - 1);
        expect(line.text).toMatch(/^\d+%/);
      }
      expect(progressLine(running(2500), columns).bar).toBeGreaterThanOrEqual(columns >= 60 ? 10 : 0);
    },
  );

  it('drops the details before the percentage on a narrow terminal', () => {
    expect(progressLine(running(2500, 1234), 40).text).toBe('25%  virtual 00:00:02');
    expect(progressLine(running(2500, 1234), 25).text).toBe('25%');
    expect(progressLine(running(2500, 1234), 3).text).toBe('');
  });

  it('shows the devices being set up before virtual time starts', () => {
    expect(progressLine(settingUp(45_000), 100).text).toBe('45%  setting up devices  45,000 of 100,000');
  });

  it('on TERM=dumb redraws with carriage returns and spaces only, no escape sequences', () => {
    const time = clock();
    const { stream, written } = fakeStream();
    const bar = progressBar(stream, {
      terminal: terminalOf({ isTTY: true, columns: 60 }, { TERM: 'dumb' }),
      enabled: true,
      now: time.now,
    });
    time.pass(1000);
    bar.update(running(5000));
    time.pass(200);
    bar.update(running(10_000));
    bar.done();
    expect(written.join('')).not.toContain('\x1b');
    expect(written[1]).toMatch(/^\r {59}\r/);
    expect(written.at(-1)).toMatch(/^\r {59}\r$/);
    expect(visible(written)).toBe('');
  });

  it('colours the bar on a colour terminal, and not with NO_COLOR', () => {
    for (const [env, coloured] of [
      [{ TERM: 'xterm-256color' }, true],
      [{ TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    ] as const) {
      const time = clock();
      const { stream, written } = fakeStream();
      const bar = progressBar(stream, {
        terminal: terminalOf({ isTTY: true, columns: 80 }, env),
        enabled: true,
        now: time.now,
      });
      time.pass(1000);
      bar.update(running(5000));
      expect(/\x1b\[36m█+\x1b\[0m/.test(written[0]!)).toBe(coloured);
    }
  });
});
