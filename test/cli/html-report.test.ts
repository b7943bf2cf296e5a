import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/simulation/index.js';
import { describeWith } from '../support/external-program.js';
import { headlessChromium, openBrowserPage, type BrowserPage } from '../support/headless-chromium.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repo, 'src/cli/main.ts'), ...args], { cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The value at a dotted path of `--json`'s document: `logins.statuses.server-busy.count`. */
function at(document: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], document);
}

const SCENARIO = {
  name: 'report',
  seed: 3,
  hours: 4,
  bes: { maxSessions: 60, idleTimeoutMinutes: 20 },
  users: { count: 400 },
  behaviour: { offlineMinutes: 40, sessionMinutes: 50 },
};

describeWith([headlessChromium], 'bes-collab simulate --html, in headless Chromium', () => {
  let dir: string;
  let report: string;
  let html: string;
  let json: ScenarioResult;
  let browser: BrowserPage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bes-collab-report-'));
    const scenario = join(dir, 'scenario.json');
    await writeFile(scenario, JSON.stringify(SCENARIO));
    report = join(dir, 'report.html');
    const [written, printed] = await Promise.all([
      cli('simulate', scenario, '--html', report),
      cli('simulate', scenario, '--json'),
    ]);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(`HTML report written to ${report}`);
    expect(printed.code).toBe(0);
    json = JSON.parse(printed.stdout) as ScenarioResult;
    html = await readFile(report, 'utf8');
    browser = await openBrowserPage();
    await browser.page.goto(pathToFileURL(report).href);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is one file that fetches nothing: no URL but its own, no link to another resource', () => {
    expect(browser.requests).toEqual([pathToFileURL(report).href]);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\((?!#)/);
  });

  it('renders with no console error, warning or uncaught exception', async () => {
    await browser.page.waitForLoadState('load');
    expect(browser.problems).toEqual([]);
    for (const id of ['summary', 'sessions-chart', 'rejected-chart', 'idle-split', 'sequence']) {
      const box = await browser.page.locator(`#${id}`).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width, id).toBeGreaterThan(200);
      expect(box!.height, id).toBeGreaterThan(20);
    }
  });

  it("shows the same figures as --json's, every one of them", async () => {
    const figures = await browser.page.$$eval('[data-figure]', (elements) =>
      elements.map((e) => ({
        path: e.getAttribute('data-figure')!,
        value: Number(e.getAttribute('data-value')),
        text: e.textContent ?? '',
      })),
    );
    const paths = figures.map((f) => f.path);
    for (const expected of [
      'logins.tried',
      'logins.statuses.accepted.count',
      'logins.statuses.server-busy.count',
      'idleLogouts.total',
      'idleLogouts.outOfCoverage',
      'idleLogouts.noStatus',
      'sessions.peak',
      'sessions.openAtEnd',
      'air.bytesPerLogin',
    ]) {
      expect(paths).toContain(expected);
    }
    for (const { path, value, text } of figures) {
      expect(value, path).toBe(at(json, path));
      expect(Number(text.replace(/,/g, '')), path).toBe(value);
    }
    expect(json.logins.statuses['server-busy'].count).toBeGreaterThan(0);
    expect(json.idleLogouts.total).toBeGreaterThan(0);
  });

  it("draws --json's timeline: the peak sessions and the logins turned away in each slice", async () => {
    const slots = async (chart: string): Promise<number[][]> =>
      browser.page.$$eval(`#${chart} .slot`, (elements) =>
        elements.map((e) => e.getAttribute('data-values')!.split(',').map(Number)),
      );
    const buckets = json.timeline.buckets;
    expect(await slots('sessions-chart')).toEqual(buckets.map((b) => [b.peakSessions]));
    expect(await slots('rejected-chart')).toEqual(buckets.map((b) => [b.serverBusy, b.failed]));
    expect(await browser.page.locator('#sessions-chart .limit-label').textContent()).toBe('maximum 60');
  });

  it('shows the values of a slice when the pointer is over it', async () => {
    const bucket = json.timeline.buckets[20]!;
    await browser.page.hover('#sessions-chart .slot[data-slot="20"]');
    const tip = browser.page.locator('#tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toBe(`1:20–1:24: peak sessions ${bucket.peakSessions}`);
    await browser.page.hover('#rejected-chart .slot[data-slot="20"]');
    expect(await tip.textContent()).toBe(`1:20–1:24: server busy ${bucket.serverBusy}, failed ${bucket.failed}`);
  });

  it('draws the traced login as a sequence diagram, every hop in and back', async () => {
    const arrows = await browser.page.$$eval('#sequence .arrow', (elements) =>
      elements.map((e) => `${e.getAttribute('data-from')}>${e.getAttribute('data-to')}`),
    );
    const hops = arrows.filter((a, i) => a !== arrows[i - 1]);
    expect(hops.slice(0, 3)).toEqual(['device>router', 'router>dispatcher', 'dispatcher>collaboration-service']);
    expect(hops.slice(-3)).toEqual(['collaboration-service>dispatcher', 'dispatcher>router', 'router>device']);
    const status = await browser.page.locator('#traced-status').textContent();
    expect(Object.keys(json.logins.statuses)).toContain(status);
  });
});
