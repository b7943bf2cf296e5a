import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findProgram, type ExternalProgram } from './external-program.js';

/** Debian's headless Chromium (package chromium-headless-shell), or its full Chromium. */
export const headlessChromium: ExternalProgram = (() => {
  const shell = findProgram('chromium-headless-shell', { hint: 'Debian package chromium-headless-shell' });
  if (shell.path !== undefined) return shell;
  const full = findProgram('chromium');
  return full.path !== undefined ? full : shell;
})();

/** A page in a fresh headless Chromium, and everything it said or fetched. */
export interface BrowserPage {
  readonly page: Page;
  /** Console messages of type error or warning, and uncaught exceptions. */
  readonly problems: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
  readonly close: () => Promise<void>;
}

/**
 * Starts Chromium headless with a fresh profile in a temporary directory, no sandbox, GPU, sync,
 * component updates or background networking, and opens a page; `close` stops it and removes the
 * profile.
 */
export async function openBrowserPage(viewport = { width: 1280, height: 900 }): Promise<BrowserPage> {
  const profile = mkdtempSync(join(tmpdir(), 'bes-collab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: headlessChromium.path!,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('request', (request) => requests.push(request.url()));
  return {
    page,
    problems,
    requests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
