import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

const QUICK_INPUT = '.quick-input-widget';

/** Turns a locator time-out into a sentence about what the user would not have seen. */
async function expectShown(waiting: Promise<void>, what: string): Promise<void> {
  try {
    await waiting;
  } catch (error) {
    throw new Error(`The workbench never showed ${what}.`, { cause: error });
  }
}

/**
 * Drives the VS Code workbench the way a person does: palette, explorer, input boxes,
 * quick picks, notifications. Every `step()` leaves a screenshot behind.
 */
export class Workbench {
  private stepNumber = 0;

  constructor(
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {
    mkdirSync(screenshotDir, { recursive: true });
  }

  /** Opens the workbench on `folder` and waits until the explorer shows its files. */
  async open(serverUrl: string, folder: string): Promise<void> {
    await this.page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`);
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.explorerRows().first().waitFor({ timeout: 60_000 });
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

  // ---- explorer -------------------------------------------------------------------------

  explorerRows(): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row');
  }

  explorerItem(name: string): Locator {
    return this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`);
  }

  /** Selects files in the explorer; more than one name is a ctrl-click multi-selection. */
  async selectInExplorer(...names: string[]): Promise<void> {
    for (const [index, name] of names.entries()) {
      const item = this.explorerItem(name);
      await item.waitFor({ timeout: 30_000 });
      await item.click({ modifiers: index === 0 ? [] : ['Control'] });
    }
  }

  /** Right-clicks the explorer selection (or `name`) and returns the open context menu. */
  async openExplorerContextMenu(name: string): Promise<Locator> {
    await this.explorerItem(name).click({ button: 'right' });
    const menu = this.page.locator('.monaco-menu-container .monaco-menu').last();
    await menu.waitFor({ timeout: 10_000 });
    return menu;
  }

  /** Clicks an entry of the open context menu by its visible label. */
  async clickMenuItem(menu: Locator, label: string | RegExp): Promise<void> {
    const item = menu.locator('.action-item .action-label').filter({ hasText: label }).first();
    await item.waitFor({ timeout: 10_000 });
    // The menu ignores a click that comes too soon after it opened (so the right-click's own
    // release cannot pick an item); click again until it closes.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await item.click({ timeout: 5_000 }).catch(() => {});
      const closed = await menu
        .waitFor({ state: 'detached', timeout: 1_000 })
        .then(() => true)
        .catch(() => false);
      if (closed) return;
    }
    throw new Error(`The context menu did not run "${String(label)}".`);
  }

  /** Waits until a file shows in the explorer (it refreshes on its own file watcher). */
  async waitForExplorerItem(name: string, timeout = 30_000): Promise<void> {
    await this.explorerItem(name).waitFor({ timeout });
  }

  // ---- command palette, input boxes and quick picks -------------------------------------------

  quickInput(): Locator {
    return this.page.locator(QUICK_INPUT);
  }

  /** F1, type the command's title, run it. Fails if no command with that title exists. */
  async runCommand(title: string): Promise<void> {
    const row = this.quickInput()
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: title })
      .first();
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await this.typeInPalette(title);
      await row.waitFor({ timeout: 10_000 });
      // A failed click means the palette closed under us (focus moved), so nothing ran.
      try {
        await row.click({ timeout: 3_000 });
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * Opens the palette and types `>title`. A newly opened editor can steal focus and close the
   * palette right after F1, so this tries again until the text is in.
   */
  private async typeInPalette(title: string): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 4; attempt += 1) {
      try {
        await this.closeQuickInput();
        await this.page.keyboard.press('F1');
        const input = this.quickInput().locator('.quick-input-box input');
        await input.waitFor({ timeout: 5_000 });
        await input.fill(`>${title}`, { timeout: 5_000 });
        return;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError;
  }

  /**
   * Waits until the palette lists a command: extensions' contributions appear only once the
   * extension host has scanned them, a few seconds after the workbench shows.
   */
  async waitForCommand(title: string, timeout = 60_000): Promise<void> {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      await this.typeInPalette(title);
      const row = this.quickInput()
        .locator('.quick-input-list .monaco-list-row')
        .filter({ hasText: title });
      const found = await row
        .first()
        .waitFor({ timeout: 750 })
        .then(() => true)
        .catch(() => false);
      await this.closeQuickInput();
      if (found) return;
    }
    throw new Error(`The command "${title}" never showed in the palette.`);
  }

  /** Waits for an input box (optionally with this prompt/title text) and submits `value`. */
  async answerInputBox(value: string, expectPrompt?: string | RegExp): Promise<void> {
    const widget = this.quickInput();
    await expectShown(
      widget.waitFor({ state: 'visible', timeout: 15_000 }),
      `an input box${expectPrompt ? ` (${String(expectPrompt)})` : ''}`,
    );
    if (expectPrompt) {
      await expectShown(
        widget.filter({ hasText: expectPrompt }).waitFor({ timeout: 10_000 }),
        `an input box saying ${String(expectPrompt)}`,
      );
    }
    const input = widget.locator('.quick-input-box input');
    await input.fill(value);
    await input.press('Enter');
  }

  /**
   * Answers VS Code's own (web) file dialog: waits until it has filled in its starting folder
   * (typing earlier gets overwritten), types the absolute path, and presses Enter until the
   * dialog closes.
   */
  async answerFileDialog(path: string, expectTitle: string | RegExp): Promise<void> {
    const widget = this.quickInput();
    const title = widget.locator('.quick-input-title').filter({ hasText: expectTitle });
    await expectShown(
      title.waitFor({ timeout: 15_000 }),
      `a file dialog titled ${String(expectTitle)}`,
    );
    const input = widget.locator('.quick-input-box input');
    const deadline = Date.now() + 15_000;
    while (!(await input.inputValue()).endsWith('/')) {
      if (Date.now() > deadline) throw new Error('The file dialog never showed its folder.');
      await this.page.waitForTimeout(100);
    }
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await input.fill(path);
      if ((await input.inputValue()) !== path) continue;
      await input.press('Enter');
      const closed = await title
        .waitFor({ state: 'hidden', timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (closed) return;
    }
    throw new Error(`The file dialog did not accept ${path}.`);
  }

  /**
   * Answers a quick pick that takes free text (Retouch's prompt picker): types the text, waits
   * until the extension host has turned it into the active item, then presses Enter.
   */
  async answerFreeTextPick(value: string, expectTitle?: string | RegExp): Promise<void> {
    const widget = this.quickInput();
    await expectShown(
      widget
        .locator('.quick-input-title')
        .filter({ hasText: expectTitle ?? /./ })
        .waitFor({ timeout: 15_000 }),
      `a quick pick titled ${String(expectTitle ?? '(any)')}`,
    );
    const input = widget.locator('.quick-input-box input');
    await input.fill(value);
    await widget
      .locator('.quick-input-list .monaco-list-row.focused')
      .filter({ hasText: value })
      .waitFor({ timeout: 10_000 });
    await input.press('Enter');
  }

  /** Waits for a quick pick and chooses the item whose label matches. */
  async pickQuickPickItem(label: string | RegExp): Promise<void> {
    const row = this.quickInput()
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: label })
      .first();
    await expectShown(row.waitFor({ timeout: 15_000 }), `a quick pick item ${String(label)}`);
    await row.click();
  }

  /** Waits until the open quick pick (or input box) has this title. */
  async waitForQuickPickTitle(title: string | RegExp): Promise<void> {
    await expectShown(
      this.quickInput()
        .locator('.quick-input-title')
        .filter({ hasText: title })
        .waitFor({ timeout: 15_000 }),
      `a quick pick titled ${String(title)}`,
    );
  }

  /** Accepts whatever the open quick pick/input box proposes (its defaults). */
  async acceptQuickInput(): Promise<void> {
    await this.quickInput().locator('.quick-input-box input').press('Enter');
  }

  /** The text of the open quick input (title, prompt, validation message). */
  async quickInputText(): Promise<string> {
    return ((await this.quickInput().textContent()) ?? '').trim();
  }

  async isQuickInputVisible(): Promise<boolean> {
    return this.quickInput().isVisible();
  }

  async closeQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }

  // ---- notifications -----------------------------------------------------------------------

  notifications(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast');
  }

  /** Waits for a notification toast whose message matches and returns it. */
  async waitForNotification(message: string | RegExp, timeout = 30_000): Promise<Locator> {
    const toast = this.notifications().filter({ hasText: message }).first();
    await toast.waitFor({ timeout });
    return toast;
  }

  /** All notification messages currently on screen. */
  async notificationMessages(): Promise<string[]> {
    return this.page
      .locator('.notifications-toasts .notification-list-item-message')
      .allInnerTexts();
  }

  async clickNotificationButton(toast: Locator, label: string | RegExp): Promise<void> {
    await toast.locator('.monaco-button').filter({ hasText: label }).first().click();
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  /** A status bar entry by its text. */
  statusBarItem(text: string | RegExp): Locator {
    return this.page.locator('.statusbar-item').filter({ hasText: text }).first();
  }

  // ---- editors and webviews ----------------------------------------------------------------

  tabs(): Locator {
    return this.page.locator('.tabs-container .tab');
  }

  /** Waits for an editor tab whose label matches. */
  async waitForTab(label: string | RegExp, timeout = 30_000): Promise<Locator> {
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
  async waitForImagePreview(fileName: string, timeout = 30_000): Promise<void> {
    const deadline = Date.now() + timeout;
    const needle = `/${encodeURIComponent(fileName)}`;
    while (Date.now() < deadline) {
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
        if (loaded) return;
      }
      await this.page.waitForTimeout(200);
    }
    throw new Error(`No image preview of ${fileName} loaded within ${timeout} ms.`);
  }

  /** Opens a file by name through Quick Open. */
  async openFile(name: string): Promise<void> {
    await this.closeQuickInput();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(name);
    const row = this.quickInput()
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: name })
      .first();
    await row.waitFor({ timeout: 10_000 });
    await row.click();
  }
}
