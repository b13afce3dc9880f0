import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, grayShare, readRgba } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { resultFiles, waitForResultFiles } from './harness/workspace-files.js';

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('Cancelling a queue job says what happened', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // One worker: the job starts at once and runs long enough to be cancelled while it runs.
    emulator = await startEmulator({ workers: 1, jobDurationMs: 8_000, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'cancel-outcome',
    vsix: vsixPath(),
    userSettings: queueSettings(emulator.url),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  function cancels() {
    return emulator.requests.filter((request) => request.route === 'queue.cancel');
  }

  test('too late: the notification says it may still be billed, and the result is saved when it comes', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    await workbench.notifications.waitFor(/Editing/);
    const [job] = [...emulator.jobs.values()];
    expect(job?.status).toBe('IN_PROGRESS');
    // The runner's "Starting request <id>" line is for the log, not the notification.
    for (const message of await workbench.notifications.messages())
      expect(message).not.toMatch(uuid);
    await workbench.screenshot('job-running');

    await workbench.notifications.clickButton(/Editing/, 'Cancel');
    const told = await workbench.notifications.waitFor(/may still finish and be billed/);
    expect(await told.textContent()).toMatch(
      /too late to cancel.*already started.*may still finish and be billed.*save the result/i,
    );
    await workbench.screenshot('too-late-to-cancel');
    expect(cancels()).toHaveLength(1);
    expect(cancels()[0]?.status).toBe(400);
    expect(emulator.jobs.get(job!.id)?.cancelled).toBe(false);

    // Retouch keeps following the job it could not stop: the paid result is not lost.
    await workbench.notifications.waitFor(/finishing “make it grayscale”/);
    const [result] = await waitForResultFiles(workspaceDir, 'hero', 60_000);
    await workbench.notifications.waitFor(`wrote ${result}`);
    await workbench.screenshot('result-saved-after-late-cancel');
    expect(grayShare(await readRgba(join(workspaceDir, result!)))).toBeGreaterThan(0.99);
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
  }, 180_000);

  test('from the status bar, Cancel asks first; Keep Running lets the edit finish', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();
    const before = resultFiles(workspaceDir, 'hero').length;
    const cancelsBefore = cancels().length;

    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    await workbench.notifications.waitFor(/Editing/);
    await workbench.statusBarItem('Retouch: 1 edit running').click();

    const dialog = await workbench.dialogs.waitFor(/Cancel the running edit\?/);
    const { detail } = await workbench.dialogs.read(dialog);
    expect(detail.join(' ')).toMatch(/may still finish and be billed/);
    expect(await workbench.dialogs.buttons(dialog)).toEqual(
      expect.arrayContaining(['Cancel Edit', 'Keep Running']),
    );
    await workbench.screenshot('status-bar-cancel-asks');
    await workbench.dialogs.clickButton(/Cancel the running edit\?/, 'Keep Running');

    await expect
      .poll(() => resultFiles(workspaceDir, 'hero').length, { timeout: 60_000 })
      .toBe(before + 1);
    expect(cancels()).toHaveLength(cancelsBefore);
  }, 180_000);
});
