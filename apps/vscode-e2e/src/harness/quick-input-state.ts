import type { Frame, Page } from 'playwright-core';

/** One rendered row of the open quick pick, as the user sees it. */
export interface QuickPickRow {
  readonly index: number;
  readonly label: string;
  readonly description: string;
  /** The active row: the one Enter accepts. */
  readonly focused: boolean;
}

/** What the quick input widget (palette, quick pick, input box, file dialog) shows right now. */
export interface QuickInputState {
  readonly visible: boolean;
  readonly title: string;
  readonly placeholder: string;
  readonly value: string;
  /** The validation or prompt message under the input. */
  readonly message: string;
  /** The progress bar runs (the file dialog reads a folder, a picker loads items). */
  readonly busy: boolean;
  /** Keys typed now go to the widget's input. */
  readonly inputFocused: boolean;
  /** Rendered rows in list order (the list is virtual: far-off rows are not in the DOM). */
  readonly rows: readonly QuickPickRow[];
}

/** Reads the quick input's state in one round trip. */
export function readQuickInput(page: Page): Promise<QuickInputState> {
  return page.evaluate(() => {
    const widget = [...document.querySelectorAll<HTMLElement>('.quick-input-widget')].find(
      (element) => element.style.display !== 'none' && element.offsetParent !== null,
    );
    const text = (element: Element | null | undefined) => (element?.textContent ?? '').trim();
    if (!widget) {
      return {
        visible: false,
        title: '',
        placeholder: '',
        value: '',
        message: '',
        busy: false,
        inputFocused: false,
        rows: [],
      };
    }
    const input = widget.querySelector<HTMLInputElement>('.quick-input-box input');
    const progress = widget.querySelector('.quick-input-progress');
    // Only a list on screen counts: a hidden one may still hold an earlier quick pick's rows.
    const list = widget.querySelector<HTMLElement>('.quick-input-list');
    const listShown = !!list && list.offsetParent !== null;
    const rows = [...(listShown ? list.querySelectorAll<HTMLElement>('.monaco-list-row') : [])]
      .map((row) => ({
        index: Number(row.dataset.index),
        label: text(row.querySelector('.quick-input-list-row .label-name')),
        description: text(row.querySelector('.quick-input-list-row .label-description')),
        focused: row.classList.contains('focused'),
      }))
      .sort((a, b) => a.index - b.index);
    return {
      visible: true,
      title: text(widget.querySelector('.quick-input-title')),
      placeholder: input?.placeholder ?? '',
      value: input?.value ?? '',
      message: text(widget.querySelector('.quick-input-message')),
      busy: !!progress && !progress.classList.contains('done'),
      inputFocused: !!input && document.activeElement === input,
      rows,
    };
  });
}

export function describeQuickInput(state: QuickInputState | undefined): string {
  if (!state?.visible) return 'no quick input is open';
  const rows = state.rows
    .map(
      (row) =>
        `${row.focused ? '>' : ' '} ${row.label}${row.description ? ` (${row.description})` : ''}`,
    )
    .join('\n    ');
  return [
    `title "${state.title}", value "${state.value}", placeholder "${state.placeholder}"`,
    state.message ? `message "${state.message}"` : '',
    state.busy ? 'busy' : '',
    state.inputFocused ? '' : 'input not focused',
    rows ? `rows:\n    ${rows}` : 'no rows',
  ]
    .filter(Boolean)
    .join('; ');
}

/**
 * Starts watching the open quick input and returns a promise that resolves once it has moved on
 * from what it shows now: hidden (even for a moment, between two steps of a flow) or showing
 * another title. A MutationObserver sees even a hide and re-show within the same task, which
 * polling could miss, so this tells "the Enter was taken" from "nothing happened".
 */
export async function watchForQuickInputChange(
  page: Page,
  timeout: number,
): Promise<() => Promise<boolean>> {
  const key = `e2eQuickInput${Math.random().toString(36).slice(2)}`;
  await page.evaluate((flag) => {
    const flags = window as unknown as Record<string, boolean | (() => void)>;
    const widget = [...document.querySelectorAll<HTMLElement>('.quick-input-widget')].find(
      (element) => element.style.display !== 'none',
    );
    if (!widget) {
      flags[flag] = true;
      return;
    }
    const titleOf = () => widget.querySelector('.quick-input-title')?.textContent ?? '';
    const title = titleOf();
    flags[flag] = false;
    const observer = new MutationObserver((records) => {
      const hidden = records.some(
        (record) =>
          record.target === widget &&
          record.attributeName === 'style' &&
          ((record.oldValue ?? '').includes('display: none') || widget.style.display === 'none'),
      );
      if (hidden || titleOf() !== title) {
        flags[flag] = true;
        observer.disconnect();
      }
    });
    flags[`${flag}Stop`] = () => observer.disconnect();
    observer.observe(widget, {
      attributes: true,
      attributeOldValue: true,
      attributeFilter: ['style'],
      childList: true,
      characterData: true,
      subtree: true,
    });
  }, key);
  // A command such as Developer: Reload Window replaces the page: that is moving on too, and the
  // flag above went with the old page.
  let onNavigated: (frame: Frame) => void = () => {};
  const navigated = new Promise<true>((resolve) => {
    onNavigated = (frame) => {
      if (frame === page.mainFrame()) resolve(true);
    };
  });
  page.on('framenavigated', onNavigated);
  return async () => {
    const changed = await Promise.race([
      navigated,
      page
        .waitForFunction((flag) => (window as unknown as Record<string, boolean>)[flag], key, {
          timeout,
        })
        .then(
          () => true,
          () => false,
        ),
    ]);
    page.off('framenavigated', onNavigated);
    await page
      .evaluate((flag) => {
        const flags = window as unknown as Record<string, unknown>;
        (flags[`${flag}Stop`] as (() => void) | undefined)?.();
        delete flags[flag];
        delete flags[`${flag}Stop`];
      }, key)
      .catch(() => {});
    return changed;
  };
}
