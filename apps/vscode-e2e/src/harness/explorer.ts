import type { Locator, Page } from 'playwright-core';
import { ContextMenu } from './context-menu.js';
import { logStep } from './step-log.js';
import { settledValue, type TextMatcher, waitUntil } from './wait-until.js';

export interface ExplorerContextMenuOptions {
  /**
   * The files selected when the menu opens: what a command run from it receives. Defaults to
   * the right-clicked file alone.
   */
  readonly selection?: readonly string[];
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

/**
 * The Explorer's file tree. Rows are found by their name (the tree's `aria-label`), so names
 * must be unique among the rows on screen. Every gesture is checked against what the tree shows
 * afterwards (its rows' selected state) and repeated until it took.
 */
export class Explorer {
  constructor(readonly page: Page) {}

  rows(): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row');
  }

  item(name: string): Locator {
    return this.page.locator(
      `.explorer-folders-view .monaco-list-row[aria-label=${JSON.stringify(name)}]`,
    );
  }

  /** Waits until a file shows in the Explorer (it refreshes on its own file watcher). */
  async waitForItem(name: string, timeout = 30_000): Promise<void> {
    await this.item(name).waitFor({ timeout });
  }

  /**
   * Expands `folder` until `child` shows under it. A click that did not register (or landed while
   * the tree re-rendered) is made again; a folder already expanded is left as it is.
   */
  async expand(folder: string, child: string): Promise<void> {
    await this.waitForItem(folder);
    await waitUntil(
      async () => {
        if (await this.item(child).isVisible()) return true;
        if ((await this.item(folder).getAttribute('aria-expanded')) !== 'true') {
          logStep(`explorer: expand ${folder}`);
          await this.item(folder).click({ timeout: 5_000 });
        }
        return undefined;
      },
      async () => `The Explorer never showed ${child} under ${folder}.`,
      { timeout: 20_000 },
    );
  }

  /** The names of the rows the Explorer shows as selected. */
  async selection(): Promise<string[]> {
    return this.page
      .locator('.explorer-folders-view .monaco-list-row[aria-selected="true"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  }

  /**
   * Makes the Explorer's selection exactly `names`, with Ctrl+clicks that add or remove one row
   * each (a plain click would also open the file, and the editor opening later moves the
   * selection back to it). After each click it reads the selection again, so a click that did
   * not register is simply made again.
   */
  async select(...names: string[]): Promise<void> {
    for (const name of names) {
      await this.waitForItem(name).catch((error: unknown) => {
        throw new Error(`The Explorer shows no ${name}.`, { cause: error });
      });
    }
    await waitUntil(
      async () => {
        const current = await this.settledSelection();
        const extra = current.filter((name) => !names.includes(name));
        const missing = names.filter((name) => !current.includes(name));
        const toggle = extra[0] ?? missing[0];
        if (toggle === undefined) return true;
        logStep(`explorer: selection [${current.join(', ')}], Ctrl+click ${toggle}`);
        await this.item(toggle).click({ modifiers: ['Control'], timeout: 5_000 });
        return undefined;
      },
      async () =>
        `The Explorer selection stayed [${(await this.selection()).join(', ')}] instead of [${names.join(', ')}].`,
      { timeout: 20_000 },
    );
  }

  /**
   * Selects `selection` (default: `name` alone), right-clicks `name` and returns the open menu,
   * once the Explorer still shows exactly that selection with the menu open: a command run from
   * the menu receives what was selected when it opened.
   */
  async contextMenu(name: string, options: ExplorerContextMenuOptions = {}): Promise<ContextMenu> {
    const selection = options.selection ?? [name];
    if (!selection.includes(name)) {
      throw new Error(`Right-clicking ${name} outside the selection [${selection.join(', ')}].`);
    }
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await this.select(...selection);
      await this.item(name).click({ button: 'right' });
      const menu = await ContextMenu.waitForOpen(this.page, 5_000).catch(() => undefined);
      if (!menu) {
        logStep(`explorer: no context menu opened on ${name}; right-clicking again`);
        continue;
      }
      const shown = await this.settledSelection();
      if (sameNames(shown, selection)) return menu;
      logStep(`explorer: menu opened with [${shown.join(', ')}] selected; closing it, again`);
      await menu.close();
    }
    throw new Error(
      `No context menu on ${name} with [${selection.join(', ')}] selected; the Explorer shows [${(await this.selection()).join(', ')}] selected.`,
    );
  }

  /** Right-clicks `name` (with `selection` selected) and chooses `label` in the menu. */
  async chooseFromContextMenu(
    name: string,
    label: TextMatcher,
    options: ExplorerContextMenuOptions = {},
  ): Promise<void> {
    const menu = await this.contextMenu(name, options);
    await menu.choose(label);
  }

  private settledSelection(): Promise<string[]> {
    return settledValue(
      this.page,
      () => this.selection(),
      (last) => `The Explorer selection never settled (last [${last?.join(', ')}]).`,
    );
  }
}
