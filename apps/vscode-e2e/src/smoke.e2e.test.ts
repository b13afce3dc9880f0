import { describe, expect } from 'vitest';
import { useSession } from './harness/use-session.js';

describe('the harness', () => {
  const { test } = useSession({
    name: 'smoke',
    files: { 'README.md': '# Smoke\n\nA workspace for the harness smoke test.\n' },
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
});
