import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { benchDir, cacheDir } from '../bench-paths.js';
import { startBenchCodeServer } from './bench-code-server.js';

/** One window's activation of the extension, from the extension host's own marks. */
export interface ActivationRun {
  /** loadMs + activateMs, as "Show Running Extensions" counts activation. */
  activationMs: number;
  /** The host loading the extension's main file (parsing and running its top level). */
  loadMs: number;
  /** The host calling the extension's activate() until it returned (or its promise settled). */
  activateMs: number;
  /** From starting the load to activate() returning, the host's own preparation included. */
  hostPathMs: number;
  /** Requiring the file the first edit loads (the edit runtime), after activation. */
  runtimeLoadMs?: number;
  /** False when nothing activated it within a minute and the probe did. */
  activatedOnStartUp: boolean;
  node: string;
}

const probeDir = join(benchDir, 'activation-probe');
const chromiumPath = process.env.RETOUCH_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Activation of the installed .vsix in code-server's real extension host, `runs` times, each in a
 * new window (so a new extension host). The extension activates as it does for a user (on
 * start-up); a probe loaded as the extension-tests runner reads the host's marks around loading
 * its main file and calling activate(), then times requiring `runtimeFile` (relative to it).
 */
export async function measureActivation(
  vsix: string,
  extensionId: string,
  runs: number,
  runtimeFile?: string,
): Promise<ActivationRun[]> {
  const root = join(cacheDir, 'code-server');
  const workspace = join(root, 'workspace');
  const server = await startBenchCodeServer(root, vsix);
  mkdirSync(workspace, { recursive: true });
  const browserProfile = mkdtempSync(join(cacheDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  try {
    const host = new URL(server.url).host;
    const results: ActivationRun[] = [];
    for (let i = 0; i < runs; i++) {
      const out = join(root, `activation-${i}.json`);
      rmSync(out, { force: true });
      const payload = [
        ['extensionDevelopmentPath', `vscode-remote://${host}${probeDir}`],
        ['extensionTestsPath', `vscode-remote://${host}${join(probeDir, 'run-activation.cjs')}`],
        [
          'extensionEnvironment',
          JSON.stringify({
            RETOUCH_BENCH_ACTIVATION_OUT: out,
            RETOUCH_BENCH_EXTENSION_ID: extensionId,
            ...(runtimeFile ? { RETOUCH_BENCH_RUNTIME_FILE: runtimeFile } : {}),
          }),
        ],
      ];
      const page = await context.newPage();
      await page.exposeFunction('codeAutomationExit', () => {});
      await page.exposeFunction('codeAutomationLog', () => {});
      await page.goto(
        `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
      );
      const deadline = Date.now() + 90_000;
      while (!existsSync(out)) {
        if (Date.now() > deadline) throw new Error('the activation probe never reported');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      results.push(JSON.parse(readFileSync(out, 'utf8')) as ActivationRun);
      await page.close();
    }
    return results;
  } finally {
    await context.close().catch(() => {});
    rmSync(browserProfile, { recursive: true, force: true });
    await server.close();
  }
}
