import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { Dialogs } from './dialogs.js';
import { Explorer } from './explorer.js';
import { Notifications, recordNotificationsScript } from './notifications.js';
import { QuickInput } from './quick-input.js';
import { type TextMatcher, waitUntil } from './wait-until.js';

/**
 * Drives the VS Code workbench the way a person does. Its parts:
 * - `explorer`: select files, open their context menu, choose an entry;
 * - `quickInput`: the command palette, quick picks, input boxes, the web file dialog;
 * - `notifications`: wait for a message, click its buttons.
 * Every gesture waits for what the user would wait for, and checks that it took.
 */
export class Workbench {
  readonly explorer: Explorer;
  readonly quickInput: QuickInput;
  readonly notifications: Notifications;
  readonly dialogs: Dialogs;
  private stepNumber = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    mkdirSync(screenshotDir, { recursive: true });
    this.explorer = new Explorer(page);
    this.quickInput = new QuickInput(page);
    this.notifications = new Notifications(page, (title) => this.runCommand(title));
    this.dialogs = new Dialogs(page);
  }

  /** Opens the workbench on `folder` and waits until the explorer shows its files. */
  async open(serverUrl: string, folder: string): Promise<void> {
    await this.page.addInitScript(recordNotificationsScript);
    await this.page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.explorer.rows().first().waitFor({ timeout: 60_000 });
  }

  /**
   * Developer: Reload Window, then waits for the new window to show the Explorer again. The
   * extension host restarts: extensions activate afresh, as after a user's reload.
   */
  async reloadWindow(): Promise<void> {
    const reloaded = this.page.waitForEvent('load', { timeout: 60_000 });
    await this.runCommand('Developer: Reload Window');
    await reloaded;
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.explorer.rows().first().waitFor({ timeout: 60_000 });
  }

  /** Saves a numbered screenshot of the whole window and returns its path. */
  async screenshot(name: string): Promise<string> {
    this.stepNumber += 1;
    const file = join(
      this.screenshotDir,
      `${String(this.stepNumber).padStart(2, '0')}-${name.replace(/[^\w.-]+/g, '-')}.png`,
    );
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  /** Runs a command from the palette by its exact title (F1, type, Enter on that command). */
  async runCommand(title: string): Promise<void> {
    await this.quickInput.runCommand(title);
  }

  /** A status bar entry by its text. */
  statusBarItem(text: TextMatcher): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: text }).first();
  }

  // ---- editors and webviews ----------------------------------------------------------------

  tabs(): Locator {
    return this.page.locator('.tabs-container .tab');
  }

  /**
   * Waits for an editor tab whose label matches. Compares open after the results are announced,
   * and a busy machine takes a while to start their image previews: hence a minute.
   */
  async waitForTab(label: TextMatcher, timeout = 60_000): Promise<Locator> {
    const tab = this.tabs().filter({ hasText: label }).first();
    await tab.waitFor({ timeout });
    return tab;
  }

  /** The content frame of the visible webview (VS Code nests it: iframe.webview → #active-frame). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
  }

  /**
   * Waits until an image preview (a webview, as in the compare view) shows `fileName` loaded.
   * Webview frames are not reachable by CSS from the page, so this walks the frames.
   */
  async waitForImagePreview(fileName: string, timeout = 60_000): Promise<void> {
    const needle = `/${encodeURIComponent(fileName)}`;
    const shown = async (): Promise<boolean> => {
      for (const frame of this.page.frames()) {
        const loaded = await frame
          .locator('img')
          .evaluateAll(
            (images, wanted) =>
              images.some((image) => {
                const img = image as HTMLImageElement;
                return new URL(img.src).pathname.endsWith(wanted) && img.naturalWidth > 0;
              }),
            needle,
          )
          .catch(() => false);
        if (loaded) return true;
      }
      return false;
    };
    await waitUntil(shown, () => `No image preview of ${fileName} loaded within ${timeout} ms.`, {
      timeout,
      interval: 100,
    });
  }
}
