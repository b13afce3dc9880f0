import { basename } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  describeQuickInput,
  type QuickInputState,
  type QuickPickRow,
  readQuickInput,
  watchForQuickInputChange,
} from './quick-input-state.js';
import { logStep } from './step-log.js';
import { becomes, matchesText, settledValue, type TextMatcher, waitUntil } from './wait-until.js';

/** Which quick pick row: by label, or by label and/or description. */
export type QuickPickItemMatcher =
  | TextMatcher
  | { readonly label?: TextMatcher; readonly description?: TextMatcher };

export interface QuickInputStep {
  /** The title the quick input must show before anything is typed or accepted. */
  readonly title?: TextMatcher;
  /** Milliseconds to wait for it (default 15 s). */
  readonly timeout?: number;
}

function rowMatches(row: QuickPickRow, item: QuickPickItemMatcher): boolean {
  if (typeof item === 'string' || item instanceof RegExp) return matchesText(row.label, item);
  return (
    (item.label === undefined || matchesText(row.label, item.label)) &&
    (item.description === undefined || matchesText(row.description, item.description))
  );
}

/**
 * VS Code's quick input widget: the command palette, quick picks, input boxes and the web file
 * dialog all use it. Every step waits until the widget shows the expected title with its items
 * rendered and settled, checks which item is active, and only then presses Enter; it then
 * checks that the widget moved on. Items are chosen with the arrow keys, not by clicking: the
 * list reuses its row elements, so a click while it re-renders can land on another item.
 */
export class QuickInput {
  constructor(readonly page: Page) {}

  widget(): Locator {
    return this.page.locator('.quick-input-widget').filter({ visible: true });
  }

  private input(): Locator {
    return this.widget().locator('.quick-input-box input');
  }

  /** What the widget shows now (hidden, title, value, rows, the active row…). */
  state(): Promise<QuickInputState> {
    return readQuickInput(this.page);
  }

  async isVisible(): Promise<boolean> {
    return (await this.state()).visible;
  }

  /** Waits until the widget is open, idle, settled and (if given) shows `title`; returns its state. */
  async waitFor({ title, timeout = 15_000 }: QuickInputStep = {}): Promise<QuickInputState> {
    return waitUntil(
      async () => {
        const state = await this.settledState();
        if (!state?.visible || state.busy) return undefined;
        return title === undefined || matchesText(state.title, title) ? state : undefined;
      },
      async () =>
        `The workbench never showed a quick input${title ? ` titled ${String(title)}` : ''}; ` +
        `it shows ${describeQuickInput(await this.state())}.`,
      { timeout },
    );
  }

  /** Chooses the item matching `item` (moving to it with the arrow keys) and accepts it. */
  async pick(item: QuickPickItemMatcher, step: QuickInputStep = {}): Promise<void> {
    const deadline = Date.now() + (step.timeout ?? 15_000);
    for (;;) {
      const state = await this.waitFor({ ...step, timeout: Math.max(1, deadline - Date.now()) });
      const target = state.rows.find((row) => rowMatches(row, item));
      const active = state.rows.find((row) => row.focused);
      if (target && active?.index === target.index && state.inputFocused) {
        return this.pressEnter(describeItem(item));
      }
      if (Date.now() > deadline) {
        throw new Error(
          `The quick input never offered ${describeItem(item)}: ${describeQuickInput(state)}.`,
        );
      }
      if (!state.inputFocused) {
        logStep(`quick input "${state.title}": input not focused; clicking it`);
        await this.input().click();
      } else if (target) {
        const key = !active || active.index < target.index ? 'ArrowDown' : 'ArrowUp';
        logStep(`quick input "${state.title}": active "${active?.label ?? ''}"; ${key}`);
        await this.page.keyboard.press(key);
      } else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Presses Enter on the item the quick pick made active by itself (its default), after
   * checking that it is the one matching `item`.
   */
  async acceptActive(item: QuickPickItemMatcher, step: QuickInputStep = {}): Promise<void> {
    const state = await waitUntil(
      async () => {
        const current = await this.waitFor(step);
        const active = current.rows.find((row) => row.focused);
        return active && rowMatches(active, item) && current.inputFocused ? current : undefined;
      },
      async () =>
        `The active item never became ${describeItem(item)}: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await this.pressEnter(`the active item of "${state.title}"`);
  }

  /**
   * Types free text into a quick pick that turns it into an item (Retouch's prompt picker),
   * waits until that item is the active one, and accepts it.
   */
  async answerFreeText(value: string, step: QuickInputStep = {}): Promise<void> {
    await this.waitFor(step);
    await waitUntil(
      async () => {
        const state = await this.settledState();
        if (!state?.visible) return undefined;
        if (state.value !== value) {
          await this.input().fill(value);
          return undefined;
        }
        const active = state.rows.find((row) => row.focused);
        return state.inputFocused && active?.label === value.trim();
      },
      async () =>
        `"${value}" never became the active item: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await this.pressEnter(`"${value}"`);
  }

  /**
   * Keyboard only: types `filter` into a quick pick and presses Enter on what the widget made
   * active by itself (no arrow keys), after checking that it is the item matching `expect`.
   */
  async filterAndAccept(
    filter: string,
    expect: QuickPickItemMatcher,
    step: QuickInputStep = {},
  ): Promise<void> {
    await this.waitFor(step);
    await waitUntil(
      async () => {
        const state = await this.settledState();
        if (!state?.visible) return undefined;
        if (state.value !== filter) {
          await this.input().fill(filter);
          return undefined;
        }
        const active = state.rows.find((row) => row.focused);
        return state.inputFocused && active !== undefined && rowMatches(active, expect);
      },
      async () =>
        `Typing "${filter}" never made ${describeItem(expect)} the active item: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await this.pressEnter(`the first match for "${filter}"`);
  }

  /** Types `value` into an input box (a quick input without items) and submits it. */
  async answerInputBox(value: string, step: QuickInputStep): Promise<void> {
    await this.waitFor(step);
    await waitUntil(
      async () => {
        const state = await this.settledState();
        if (!state?.visible || state.rows.length > 0) return undefined;
        if (state.value !== value) {
          await this.input().fill(value);
          return undefined;
        }
        return state.inputFocused;
      },
      async () => `The input box never held the value: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await this.pressEnter('the input box');
  }

  /**
   * Answers VS Code's web file dialog with the absolute path of an existing file: waits until
   * it has shown its starting folder (typing earlier gets overwritten), types the path, waits
   * until the dialog highlights that file, and accepts it.
   */
  async answerFileDialog(path: string, step: QuickInputStep): Promise<void> {
    await waitUntil(
      async () => (await this.waitFor(step)).value.endsWith('/'),
      async () =>
        `The file dialog never showed its folder: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await waitUntil(
      async () => {
        const state = await this.settledState();
        if (!state?.visible) return undefined;
        if (state.value !== path) {
          await this.input().fill(path);
          return undefined;
        }
        const active = state.rows.find((row) => row.focused);
        return !state.busy && state.inputFocused && active?.label === basename(path);
      },
      async () =>
        `The file dialog never highlighted ${path}: ${describeQuickInput(await this.state())}.`,
      { timeout: step.timeout },
    );
    await this.pressEnter(`the file ${path}`);
  }

  /** Closes the widget (Escape), if it is open. */
  async close(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const state = await this.state();
      if (!state.visible) return;
      if (!state.inputFocused) await this.input().click();
      await this.page.keyboard.press('Escape');
      if (await becomes(async () => !(await this.isVisible()), { timeout: 5_000 })) return;
    }
    throw new Error(`The quick input did not close: ${describeQuickInput(await this.state())}.`);
  }

  /** F1, type `>title`, accept the command whose label is exactly `title`. */
  async runCommand(title: string): Promise<void> {
    let lastError: unknown;
    // A newly opened editor can take the focus and close the palette right after F1.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await this.openPalette(title);
        await this.pick(title, { timeout: 10_000 });
        return;
      } catch (error) {
        lastError = error;
        logStep(`palette: "${title}" did not run (${String(error)}); again`);
      }
    }
    throw lastError;
  }

  /**
   * Waits until the palette lists a command: extensions' contributions appear only once the
   * extension host has scanned them, a few seconds after the workbench shows.
   */
  async waitForCommand(title: string, timeout = 60_000): Promise<void> {
    await waitUntil(
      async () => {
        await this.openPalette(title).catch(() => {});
        const state = await this.settledState();
        await this.close();
        return state?.rows.some((row) => row.label === title);
      },
      () => `The command "${title}" never showed in the palette.`,
      { timeout, interval: 250 },
    );
  }

  private async openPalette(title: string): Promise<void> {
    await this.close();
    await this.page.keyboard.press('F1');
    await waitUntil(
      async () => {
        const state = await this.state();
        return state.visible && state.value.startsWith('>');
      },
      () => 'F1 did not open the command palette.',
      { timeout: 5_000 },
    );
    await this.input().fill(`>${title}`);
  }

  private async settledState(): Promise<QuickInputState | undefined> {
    return settledValue(
      this.page,
      () => this.state(),
      () => '',
      { timeout: 2_000 },
    ).catch(() => undefined);
  }

  /** Presses Enter and checks that the widget moved on (hid, or shows the next step). */
  private async pressEnter(what: string): Promise<void> {
    logStep(`quick input: Enter on ${what}`);
    const movedOn = await watchForQuickInputChange(this.page, 15_000);
    await this.page.keyboard.press('Enter');
    if (!(await movedOn())) {
      throw new Error(
        `Enter on ${what} was not taken: the quick input still shows ${describeQuickInput(await this.state())}.`,
      );
    }
  }
}

function describeItem(item: QuickPickItemMatcher): string {
  if (typeof item === 'string' || item instanceof RegExp) return `an item ${String(item)}`;
  return `an item with label ${String(item.label ?? '(any)')} and description ${String(item.description ?? '(any)')}`;
}
