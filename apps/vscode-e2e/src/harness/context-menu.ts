import type { Locator, Page } from 'playwright-core';
import { logStep } from './step-log.js';
import { becomes, exactly, settledBox, type TextMatcher } from './wait-until.js';

/** An open context menu (Explorer, editor title, …). */
export class ContextMenu {
  private constructor(
    readonly page: Page,
    readonly locator: Locator,
  ) {}

  /** Waits for a context menu to open and settle where it will stay. */
  static async waitForOpen(page: Page, timeout = 10_000): Promise<ContextMenu> {
    const locator = page.locator('.context-view.monaco-menu-container').filter({ visible: true });
    await locator.waitFor({ timeout });
    await settledBox(locator.locator('.monaco-menu').first(), { timeout });
    return new ContextMenu(page, locator);
  }

  async isOpen(): Promise<boolean> {
    return this.locator.isVisible();
  }

  /** The labels of the menu's entries, in order. */
  async labels(): Promise<string[]> {
    const labels = await this.locator.locator('.action-item .action-label').allTextContents();
    return labels.map((label) => label.trim()).filter(Boolean);
  }

  /**
   * Clicks the entry whose label matches and checks that the menu ran it (it closes). A menu
   * ignores clicks for its first 100 ms or so (so the right-click's own release cannot pick an
   * entry), later on a busy machine: the entry is hovered first, and clicked again if the menu
   * stayed open.
   */
  async choose(label: TextMatcher): Promise<void> {
    const entry = this.locator
      .locator('.action-item')
      .filter({ has: this.page.locator('.action-label').filter({ hasText: exactly(label) }) })
      .first();
    try {
      await entry.waitFor({ timeout: 10_000 });
    } catch (error) {
      throw new Error(
        `The context menu has no entry ${String(label)}; it shows: ${(await this.labels()).join(', ')}.`,
        { cause: error },
      );
    }
    for (let attempt = 0; attempt < 4; attempt += 1) {
      // A click the menu took late (a busy renderer) has closed it by now.
      if (attempt > 0 && !(await this.isOpen())) return;
      logStep(
        `context menu: click "${String(label)}"${attempt ? ` (again: attempt ${attempt + 1})` : ''}`,
      );
      await entry.hover({ timeout: 5_000 }).catch(() => {});
      await becomes(async () => /\bfocused\b/.test((await entry.getAttribute('class')) ?? ''), {
        timeout: 1_000,
      });
      await entry.click({ timeout: 5_000 }).catch(() => {});
      if (await becomes(async () => !(await this.isOpen()), { timeout: 2_000 })) return;
    }
    throw new Error(`The context menu did not run "${String(label)}".`);
  }

  /** Closes the menu without choosing anything. */
  async close(): Promise<void> {
    for (let attempt = 0; attempt < 3 && (await this.isOpen()); attempt += 1) {
      await this.page.keyboard.press('Escape');
      await becomes(async () => !(await this.isOpen()), { timeout: 2_000 });
    }
  }
}
