import { describe, expect, it } from 'vitest';
import { useSession } from './harness/use-session.js';

describe('the harness', () => {
  const session = useSession({
    name: 'smoke',
    files: { 'README.md': '# Smoke\n\nA workspace for the harness smoke test.\n' },
  });

  it('opens a real workbench on the workspace folder', async () => {
    const { workbench } = session();
    await workbench.waitForExplorerItem('README.md');
    await workbench.screenshot('workbench-open');
  });

  it('shows the explorer context menu of a file', async () => {
    const { workbench } = session();
    const menu = await workbench.openExplorerContextMenu('README.md');
    await expect.poll(() => menu.textContent()).toContain('Open to the Side');
    await workbench.screenshot('context-menu');
    await workbench.clickMenuItem(menu, 'Open to the Side');
    await workbench.waitForTab('README.md');
  });

  it('runs a palette command', async () => {
    const { workbench } = session();
    await workbench.runCommand('View: Close All Editors');
    await expect.poll(() => workbench.tabs().count()).toBe(0);
    await workbench.screenshot('palette-command-ran');
  });
});
