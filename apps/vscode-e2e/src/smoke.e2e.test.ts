import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { useSession } from './harness/use-session.js';

/**
 * Makes the workbench miss the next mouse click entirely, as a busy machine sometimes does
 * (a list re-rendering under the pointer, a menu not yet listening).
 */
async function loseNextClick(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      window.addEventListener(type, (event) => event.stopImmediatePropagation(), {
        capture: true,
        once: true,
      });
    }
  });
}

describe('the harness', () => {
  const { test } = useSession({
    name: 'smoke',
    files: {
      'README.md': '# Smoke\n\nA workspace for the harness smoke test.\n',
      'notes-a.md': 'a\n',
      'notes-b.md': 'b\n',
      'notes-c.md': 'c\n',
    },
  });

  test('opens a real workbench on the workspace folder', async ({ workbench }) => {
    await workbench.explorer.waitForItem('README.md');
    await workbench.screenshot('workbench-open');
  });

  test('shows the explorer context menu of a file', async ({ workbench }) => {
    const menu = await workbench.explorer.contextMenu('README.md');
    expect(await menu.labels()).toContain('Open to the Side');
    await workbench.screenshot('context-menu');
    await menu.choose('Open to the Side');
    await workbench.waitForTab('README.md');
  });

  test('runs a palette command', async ({ workbench }) => {
    await workbench.runCommand('View: Close All Editors');
    await expect.poll(() => workbench.tabs().count()).toBe(0);
    await workbench.screenshot('palette-command-ran');
  });

  test('selects exactly the wanted files even when a click is lost', async ({ workbench }) => {
    const { explorer, page } = { explorer: workbench.explorer, page: workbench.page };
    await explorer.select('notes-b.md');
    await loseNextClick(page);
    await explorer.select('notes-a.md', 'notes-c.md');
    expect((await explorer.selection()).sort()).toEqual(['notes-a.md', 'notes-c.md']);
    await workbench.screenshot('two-files-selected');
  });

  test('runs a context menu entry even when its first click is lost', async ({ workbench }) => {
    await workbench.runCommand('View: Close All Editors');
    const menu = await workbench.explorer.contextMenu('notes-b.md');
    await loseNextClick(workbench.page);
    await menu.choose('Open to the Side');
    await workbench.waitForTab('notes-b.md');
  });
});
