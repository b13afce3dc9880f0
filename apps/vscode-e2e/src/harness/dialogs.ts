import type { Locator, Page } from 'playwright-core';
import { logStep } from './step-log.js';
import { becomes, exactly, type TextMatcher, waitUntil } from './wait-until.js';

/**
 * Modal dialogs (`showErrorMessage(…, { modal: true, detail })`): the workbench draws them as a
 * box over a dimmed window, with the message, the detail and a row of buttons.
 */
export class Dialogs {
  constructor(readonly page: Page) {}

  private boxes(): Locator {
    return this.page.locator('.monaco-dialog-box').filter({ visible: true });
  }

  /** Waits for a dialog whose text (message and detail) matches, and returns it. */
  async waitFor(text: TextMatcher, timeout = 30_000): Promise<Locator> {
    const dialog = this.boxes().filter({ hasText: text }).first();
    await waitUntil(
      () => dialog.isVisible(),
      async () =>
        `The workbench never showed a dialog ${String(text)}; it shows: ${JSON.stringify(await this.texts())}.`,
      { timeout, interval: 100 },
    );
    return dialog;
  }

  /** The message (first line) and the detail's lines of a dialog, as shown. */
  async read(dialog: Locator): Promise<{ message: string; detail: string[] }> {
    const message = ((await dialog.locator('.dialog-message-text').textContent()) ?? '').trim();
    // innerText, not textContent: the detail's lines are separated by rendered line breaks.
    // biome-ignore lint/performance/useDomNodeTextContent: the line breaks are what we read
    const detail = (await dialog.locator('.dialog-message-detail').innerText()).split('\n');
    return { message, detail: detail.map((line) => line.trim()).filter(Boolean) };
  }

  async buttons(dialog: Locator): Promise<string[]> {
    const labels = await dialog.locator('.dialog-buttons .monaco-button').allTextContents();
    return labels.map((label) => label.trim());
  }

  /** Clicks a button of the dialog and checks that the dialog closed. */
  async clickButton(text: TextMatcher, label: TextMatcher): Promise<void> {
    const dialog = await this.waitFor(text);
    logStep(`dialog ${String(text)}: click ${String(label)}`);
    await dialog
      .locator('.dialog-buttons .monaco-button')
      .filter({ hasText: exactly(label) })
      .first()
      .click({ timeout: 10_000 });
    if (!(await becomes(async () => !(await dialog.isVisible()), { timeout: 10_000 }))) {
      throw new Error(`The dialog ${String(text)} did not close after ${String(label)}.`);
    }
  }

  /** Presses a key in the dialog (Enter for its first button, Escape to dismiss it). */
  async press(text: TextMatcher, key: 'Enter' | 'Escape'): Promise<void> {
    const dialog = await this.waitFor(text);
    logStep(`dialog ${String(text)}: ${key}`);
    await this.page.keyboard.press(key);
    if (!(await becomes(async () => !(await dialog.isVisible()), { timeout: 10_000 }))) {
      throw new Error(`The dialog ${String(text)} did not close on ${key}.`);
    }
  }

  async texts(): Promise<string[]> {
    return (await this.boxes().allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
  }
}
