import type { Locator, Page } from 'playwright-core';
import { logStep } from './step-log.js';
import { becomes, exactly, type TextMatcher, waitUntil } from './wait-until.js';

const SEEN = '__e2eNotificationsSeen';

/**
 * Runs in the page before the workbench loads: remembers the text of every notification toast
 * that appears. VS Code hides an information toast after 10 s (errors after 15 s) while the
 * window has focus; on a busy machine a test can get there later, and then looks for it in the
 * notification center instead.
 */
export function recordNotificationsScript(): void {
  const seen: string[] = [];
  (window as unknown as Record<string, string[]>).__e2eNotificationsSeen = seen;
  const record = () => {
    for (const message of document.querySelectorAll('.notification-list-item-message')) {
      const text = (message.textContent ?? '').trim();
      if (text && !seen.includes(text)) seen.push(text);
    }
  };
  const attach = setInterval(() => {
    const toasts = document.querySelector('.notifications-toasts');
    if (!toasts) return;
    clearInterval(attach);
    new MutationObserver(record).observe(toasts, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }, 100);
}

function matches(text: string, message: TextMatcher): boolean {
  return typeof message === 'string' ? text.includes(message) : message.test(text);
}

/**
 * Notifications as the user sees them: toasts in the corner, or the notification center once a
 * toast has timed out. A message given as a string matches any part of the text.
 */
export class Notifications {
  constructor(
    readonly page: Page,
    private readonly runCommand: (title: string) => Promise<void>,
  ) {}

  /** Visible notifications (toasts and center entries) whose text matches. */
  find(message: TextMatcher): Locator {
    return this.page
      .locator('.notifications-toasts .notification-list-item')
      .or(this.page.locator('.notifications-center .notification-list-item'))
      .filter({ visible: true })
      .filter({ hasText: message });
  }

  /**
   * Waits for a notification whose text matches and returns it (a `.notification-list-item`:
   * its message, source and buttons). Looks in the notification center when its toast was
   * already hidden.
   */
  async waitFor(message: TextMatcher, timeout = 30_000): Promise<Locator> {
    const found = this.find(message).first();
    await waitUntil(
      async () => {
        if (await found.isVisible()) return true;
        // Only a toast that has come and gone sends us to the notification center; one still
        // sliding in is in the page already, just not visible yet.
        const seen = (await this.seen()).some((text) => matches(text, message));
        if (seen && (await this.toast(message).count()) === 0) await this.showCenter();
        return undefined;
      },
      async () =>
        `The workbench never showed a notification ${String(message)}; it shows: ${JSON.stringify(await this.messages())}.`,
      { timeout, interval: 100 },
    );
    return found;
  }

  /** The labels of a notification's buttons. */
  async buttons(notification: Locator): Promise<string[]> {
    const labels = await notification.locator('.monaco-button').allTextContents();
    return labels.map((label) => label.trim());
  }

  /**
   * Waits for the notification, clicks its button and checks that the click was taken: the
   * notification closes (or, for a progress notification's Cancel, the button goes away) and
   * is clicked again if not. Playwright clicks only once the button stands still and receives
   * the pointer, so a toast moving as others arrive is not mistaken for its neighbour.
   */
  async clickButton(message: TextMatcher, label: TextMatcher, timeout = 30_000): Promise<void> {
    const notification = await this.waitFor(message, timeout);
    const button = notification
      .locator('.monaco-button')
      .filter({ hasText: exactly(label) })
      .first();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      logStep(
        `notification ${String(message)}: click ${String(label)}${attempt ? ' (again)' : ''}`,
      );
      await button.click({ timeout: 10_000 });
      const taken = await becomes(
        async () =>
          !(await button.isVisible()) || (await button.getAttribute('aria-disabled')) === 'true',
        { timeout: 5_000 },
      );
      if (taken) return;
    }
    throw new Error(
      `The notification ${String(message)} did not take a click on ${String(label)}.`,
    );
  }

  /** The messages of all visible notifications. */
  async messages(): Promise<string[]> {
    const texts = await this.page
      .locator('.notification-list-item-message')
      .filter({ visible: true })
      .allTextContents();
    return texts.map((text) => text.trim());
  }

  /** Clears every notification (Notifications: Clear All Notifications) and waits until none shows. */
  async clearAll(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.evaluate((key) => {
      const seen = (window as unknown as Record<string, string[] | undefined>)[key];
      seen?.splice(0);
    }, SEEN);
    await waitUntil(
      async () => (await this.messages()).length === 0,
      async () => `Notifications stayed: ${JSON.stringify(await this.messages())}.`,
    );
  }

  /** Toasts whose text matches, shown or not. */
  private toast(message: TextMatcher): Locator {
    return this.page
      .locator('.notifications-toasts .notification-list-item')
      .filter({ hasText: message });
  }

  private async seen(): Promise<string[]> {
    return this.page.evaluate(
      (key) => [...((window as unknown as Record<string, string[] | undefined>)[key] ?? [])],
      SEEN,
    );
  }

  private async showCenter(): Promise<void> {
    if (await this.page.locator('.notifications-center').filter({ visible: true }).count()) return;
    logStep('notifications: the toast is gone; opening the notification center');
    await this.runCommand('Notifications: Show Notifications');
  }
}
