import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, pixelAt, readRgba } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitForResultFiles } from './harness/workspace-files.js';

describe('A queue job survives Developer: Reload Window', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    // Long enough that the reloaded window is back, showing the progress, before the job is done.
    emulator = await startEmulator({ workers: 1, jobDurationMs: 30_000, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'resume-after-reload',
    vsix: vsixPath(),
    userSettings: queueSettings(emulator.url),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  test('the job resumes after the reload and its result is written, with no user action', async ({
    workbench,
    workspaceDir,
    extensionLog,
  }) => {
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    await workbench.notifications.waitFor(/Waiting in the queue|Editing/);
    const [job] = [...emulator.jobs.values()];
    expect(job?.status).not.toBe('COMPLETED');
    await workbench.screenshot('job-running-before-reload');

    await workbench.reloadWindow();

    // Nothing is clicked from here on: Retouch wakes after start-up and follows the job.
    await workbench.notifications.waitFor(/Retouch: resuming “invert the colors”/, 60_000);
    await workbench.screenshot('resuming-after-reload');
    const [result] = await waitForResultFiles(workspaceDir, 'hero', 90_000);
    expect(result).toBe('hero.retouch-1.png');
    await workbench.notifications.waitFor('wrote hero.retouch-1.png');
    await workbench.waitForTab('hero.png ↔ hero.retouch-1.png');
    await workbench.screenshot('resumed-result');

    // The job submitted before the reload is the one whose result was written: no second job.
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
    expect(emulator.jobs.get(job!.id)?.status).toBe('COMPLETED');
    const source = await readRgba(join(workspaceDir, 'hero.png'));
    const edited = await readRgba(join(workspaceDir, result!));
    for (const [x, y] of [
      [5, 5],
      [40, 20],
    ] as const) {
      const before = pixelAt(source, x, y);
      const after = pixelAt(edited, x, y);
      for (const channel of [0, 1, 2]) {
        expect(Math.abs(after[channel]! - (255 - before[channel]!))).toBeLessThanOrEqual(6);
      }
    }
    // One message: the resumed job's progress, never "no pending jobs" beside it.
    expect(await workbench.notifications.messages()).not.toContainEqual(
      expect.stringMatching(/no pending jobs/),
    );
    // Written by the reloaded window, which resumed the job as it started.
    const log = extensionLog();
    const resumed = log.indexOf('Resuming 1 pending job (start-up).');
    const activations = [...log.matchAll(/Retouch [\d.]+ activated in/g)].map((m) => m.index);
    expect(activations.length).toBeGreaterThanOrEqual(2);
    expect(resumed).toBeGreaterThan(activations[1]!);
    expect(log.indexOf('Wrote hero.retouch-1.png')).toBeGreaterThan(resumed);

    // Asked afterwards, the command says there is nothing left, and only that.
    await workbench.notifications.clearAll();
    await workbench.runCommand('Retouch: Resume Pending Jobs');
    await workbench.notifications.waitFor('Retouch: no pending jobs to resume.');
    expect(await workbench.notifications.messages()).toHaveLength(1);
  }, 240_000);
});
