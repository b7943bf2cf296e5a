// `npm run screenshot`: writes docs/report.png, the HTML report of the default scenario as headless
// Chromium (Debian package chromium-headless-shell) shows it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { headlessChromium, openBrowserPage } from '../test/support/headless-chromium.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
if (headlessChromium.path === undefined) throw new Error(headlessChromium.missing);
const dir = mkdtempSync(join(tmpdir(), 'bes-collab-screenshot-'));
try {
  const report = join(dir, 'report.html');
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--html', report, '--no-progress'],
    { cwd: repo, stdio: 'ignore' },
  );
  const browser = await openBrowserPage({ width: 1280, height: 900 });
  try {
    await browser.page.goto(pathToFileURL(report).href);
    await browser.page.screenshot({ path: join(repo, 'docs/report.png'), fullPage: true });
    if (browser.problems.length > 0) throw new Error(browser.problems.join('\n'));
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log('docs/report.png written');
