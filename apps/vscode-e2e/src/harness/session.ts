import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchBrowser, type WorkbenchBrowser } from './browser.js';
import {
  type CodeServerProfile,
  createProfile,
  installExtension,
  type RunningCodeServer,
  startCodeServer,
} from './code-server.js';
import { readAllLogs, readExtensionLog } from './extension-log.js';
import { runsDir, screenshotsDir } from './paths.js';
import { stepLog } from './step-log.js';
import { Workbench } from './workbench.js';

export interface SessionOptions {
  /** Short name: the folder under screenshots/ and test-results/. */
  readonly name: string;
  /** Files to put in the workspace folder, by relative path. */
  readonly files?: Record<string, Uint8Array | string>;
  /** User-level settings (on top of the quiet defaults). */
  readonly userSettings?: Record<string, unknown>;
  /** The .vsix to install, if any. */
  readonly vsix?: string;
  /** More .vsix files to install beside it (test extensions, e.g. one that plays an agent). */
  readonly extraVsix?: readonly string[];
  /** Keep workspace trust on (Restricted Mode for the folder). */
  readonly workspaceTrust?: boolean;
}

/** One isolated code-server + Chromium + workspace, torn down by `close()`. */
export interface Session {
  readonly workbench: Workbench;
  readonly workspaceDir: string;
  readonly server: RunningCodeServer;
  readonly profile: CodeServerProfile;
  readonly browser: WorkbenchBrowser;
  readonly screenshotDir: string;
  extensionLog(): string;
  /** Screenshot + logs into the screenshot folder; returns their paths (for failure reports). */
  captureFailure(testName: string): Promise<{ screenshot: string; log: string }>;
  close(): Promise<void>;
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const root = join(runsDir, options.name);
  rmSync(root, { recursive: true, force: true });
  const workspaceDir = join(root, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  for (const [relative, content] of Object.entries(options.files ?? {})) {
    const path = join(workspaceDir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  const screenshotDir = join(screenshotsDir, options.name);
  rmSync(screenshotDir, { recursive: true, force: true });

  // RETOUCH_E2E_TIMING=1 prints where a session's start-up time goes.
  const started = Date.now();
  const mark = (step: string) => {
    if (!process.env.RETOUCH_E2E_TIMING) return;
    process.stderr.write(`[e2e timing] ${options.name}: ${step} at +${Date.now() - started} ms\n`);
  };
  const profile = createProfile(join(root, 'profile'), options.userSettings ?? {});
  if (options.vsix) await installExtension(profile, options.vsix);
  for (const vsix of options.extraVsix ?? []) await installExtension(profile, vsix);
  mark('installed');
  const server = await startCodeServer(profile, { workspaceTrust: options.workspaceTrust });
  mark('code-server up');
  let browser: WorkbenchBrowser | undefined;
  try {
    browser = await launchBrowser(root);
    const workbench = new Workbench(browser.page, screenshotDir);
    mark('browser up');
    await workbench.open(server.url, workspaceDir);
    mark('workbench open');
    if (options.vsix) await workbench.quickInput.waitForCommand('Retouch: Edit Image…');
    mark('extension ready');
    const opened = browser;
    return {
      workbench,
      workspaceDir,
      server,
      profile,
      browser: opened,
      screenshotDir,
      extensionLog: () => readExtensionLog(profile.userDataDir),
      async captureFailure(testName) {
        const slug = testName.replace(/[^\w.-]+/g, '-').slice(0, 80);
        const screenshot = join(screenshotDir, `FAILED-${slug}.png`);
        const log = join(screenshotDir, `FAILED-${slug}.log`);
        mkdirSync(screenshotDir, { recursive: true });
        await opened.page.screenshot({ path: screenshot }).catch(() => {});
        writeFileSync(
          log,
          [
            '### harness steps',
            stepLog(),
            '### Retouch extension log',
            readExtensionLog(profile.userDataDir) || '(no Retouch log file found)',
            '### code-server output',
            server.output(),
            '### all workbench logs',
            readAllLogs(profile.userDataDir),
          ].join('\n'),
        );
        return { screenshot, log };
      },
      async close() {
        await opened.close();
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop();
    throw error;
  }
}
