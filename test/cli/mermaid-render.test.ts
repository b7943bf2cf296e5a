import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderMermaid } from '../../src/cli/mermaid.js';
import { runScenario, type LoginTrace } from '../../src/simulation/index.js';
import { describeWith } from '../support/external-program.js';
import { headlessChromium, openBrowserPage, type BrowserPage } from '../support/headless-chromium.js';

const MERMAID = fileURLToPath(new URL('../../node_modules/mermaid/dist/mermaid.min.js', import.meta.url));

interface Rendered {
  readonly ok: boolean;
  readonly svg: string;
  readonly error: string;
}

/** The message labels Mermaid drew: one per arrow. */
function messages(svg: string): number {
  return svg.match(/class="messageText"/g)?.length ?? 0;
}

describeWith([headlessChromium], 'the Mermaid diagram, rendered by Mermaid itself in headless Chromium', () => {
  let browser: BrowserPage;
  let traces: LoginTrace[];

  beforeAll(async () => {
    const scenario = {
      hours: 2,
      bes: { maxSessions: 1, idleTimeoutMinutes: null, inactivityTimeoutMinutes: null },
      users: { count: 30, permittedShare: 1, wrongPasswordRate: 0 },
      behaviour: { offlineMinutes: 5, sessionMinutes: 600, silentShare: 0, coverage: { lossesPerHour: 0 } },
    };
    const first = (await runScenario(scenario, { traceLogin: {} })).trace!;
    const other = first.pin === '21000001' ? '21000002' : '21000001';
    traces = [first, (await runScenario(scenario, { traceLogin: { pin: other } })).trace!];
    browser = await openBrowserPage();
    await browser.page.setContent('<!doctype html><html><body></body></html>');
    await browser.page.addScriptTag({ path: MERMAID });
    await browser.page.evaluate(() =>
      (globalThis as unknown as { mermaid: { initialize(o: object): void } }).mermaid.initialize({
        startOnLoad: false,
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const render = (text: string): Promise<Rendered> =>
    browser.page.evaluate(async (diagram) => {
      const { mermaid } = globalThis as unknown as {
        mermaid: { render(id: string, text: string): Promise<{ svg: string }> };
      };
      try {
        const { svg } = await mermaid.render(`d${Math.random().toString(36).slice(2)}`, diagram);
        return { ok: true, svg, error: '' };
      } catch (error) {
        return { ok: false, svg: '', error: String(error) };
      }
    }, text);

  it('renders an accepted and a turned-away login, an arrow drawn for every message line', async () => {
    expect(traces.map((t) => t.status)).toEqual(['accepted', 'server-busy']);
    for (const trace of traces) {
      const diagram = renderMermaid(trace);
      const rendered = await render(diagram);
      expect(rendered.error).toBe('');
      const arrows = diagram.split('\n').filter((line) => /^ {2}\w+-?->>\w+:/.test(line)).length;
      expect(messages(rendered.svg)).toBe(arrows);
      for (const name of [
        'BlackBerry Router',
        'BlackBerry Dispatcher',
        'BlackBerry Collaboration Service',
        'IBM Sametime server',
      ]) {
        expect(rendered.svg).toContain(name);
      }
    }
    expect(browser.problems).toEqual([]);
  });

  it('refuses a diagram that is not Mermaid, so the check above can fail', async () => {
    const rendered = await render('sequenceDiagram\n  Device->>: nobody to send to\n');
    expect(rendered.ok).toBe(false);
    expect(rendered.error).not.toBe('');
  });
});
