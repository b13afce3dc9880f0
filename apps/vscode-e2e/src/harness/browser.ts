import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { logStep } from './step-log.js';

const CHROMIUM = process.env.RETOUCH_E2E_CHROMIUM ?? '/usr/bin/chromium';

// The machine reaches no network: without these, Chromium keeps dialing Google's hosts.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface WorkbenchBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with a fresh profile folder under `scratchDir`. Its crash reports
 * and caches go there too, not under the home directory that other clones' runs share; its
 * temporary files stay in the system's (it names them uniquely, and its socket path would be
 * too long under `scratchDir`). Playwright talks to it over a pipe: no port to collide on.
 */
export async function launchBrowser(scratchDir: string): Promise<WorkbenchBrowser> {
  const profileDir = mkdtempSync(join(scratchDir, 'chromium-'));
  const homeDir = join(profileDir, 'home');
  for (const dir of ['config', 'cache']) mkdirSync(join(homeDir, dir), { recursive: true });
  const context = await chromium.launchPersistentContext(join(profileDir, 'profile'), {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(homeDir, 'config'),
      XDG_CACHE_HOME: join(homeDir, 'cache'),
    },
    headless: true,
    viewport: { width: 1440, height: 900 },
    // Clipboard access lets the workbench paste without a permission prompt.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  recordTrouble(page);
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * What went wrong inside the workbench's page and its webviews (console errors and warnings, and
 * resources that failed to load, such as an image preview's file) goes into the step log, so a
 * failed test's log says why a preview shows an error instead of only that it does.
 */
function recordTrouble(page: Page): void {
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    logStep(`browser ${message.type()}: ${message.text().slice(0, 500)}`);
  });
  page.on('pageerror', (error) => logStep(`browser page error: ${error.message.slice(0, 500)}`));
  page.on('requestfailed', (request) =>
    logStep(
      `browser request failed: ${request.url().slice(0, 300)} (${request.failure()?.errorText})`,
    ),
  );
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const via = response.fromServiceWorker() ? ' (from the webview service worker)' : '';
    logStep(`browser response ${response.status()}${via}: ${response.url().slice(0, 300)}`);
  });
}
