import { join } from 'node:path';
import { type SwitchableProxy, startSwitchableProxy } from '@retouch/core/testing';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, pixelAt, readRgba } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { resultFiles, waitForResultFiles } from './harness/workspace-files.js';

/**
 * The extension follows a paid job through an outage for as long as the job may run (core's
 * default, ten minutes: VS Code has no timeout setting), then ends the edit and keeps the job.
 * The outage here outlasts that, so this scenario takes about eleven minutes.
 */
const keptWithin = 12 * 60_000;

describe('A queue job kept when its server stays away, then Retry', () => {
  let emulator: Emulator;
  let proxy: SwitchableProxy;
  beforeAll(async () => {
    emulator = await startEmulator({ workers: 1, jobDurationMs: 8_000, log: () => {} });
    // The server as the extension sees it: taken down for real (connections refused) and back.
    proxy = await startSwitchableProxy(new URL(emulator.url));
  });
  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'queue-kept-retry',
    vsix: vsixPath(),
    userSettings: queueSettings(proxy.origin),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  test(
    'Retry follows the job that was kept, and its result is written from that one job',
    async ({ workbench, workspaceDir, extensionLog }) => {
      const { notifications } = workbench;
      await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
      await workbench.quickInput.answerFreeText('invert the colors', {
        title: /Describe the Edit/,
      });
      await notifications.waitFor(/Waiting in the queue|Editing/);
      await proxy.down();
      await notifications.waitFor(/trying again in|retr(?:y|ies) \(attempt/i, 60_000);
      await workbench.screenshot('server-gone');

      // What the user reads once Retouch stops waiting: the job is kept, not cancelled, and Retry
      // picks it up without paying twice. No job id on screen.
      const kept = /The job was not cancelled and may still finish/;
      const notification = await notifications.waitFor(kept, keptWithin);
      await workbench.screenshot('job-kept');
      expect(await notifications.buttons(notification)).toContain('Retry');
      const [job] = [...emulator.jobs.values()];
      expect(emulator.jobs.size).toBe(1);
      for (const message of await notifications.messages()) {
        expect(message).not.toContain(job!.id);
      }
      // The job ran to its end on the server meanwhile; nothing was written, nothing cancelled.
      expect(job!.status).toBe('COMPLETED');
      expect(resultFiles(workspaceDir, 'hero')).toEqual([]);
      expect(extensionLog()).toContain(`kept job ${job!.id} to follow later`);

      await proxy.up();
      await notifications.clickButton(kept, 'Retry');

      const [result] = await waitForResultFiles(workspaceDir, 'hero', 90_000);
      expect(result).toBe('hero.retouch-1.png');
      await notifications.waitFor('wrote hero.retouch-1.png');
      await workbench.screenshot('written-after-retry');

      // One job, followed twice: one submit, no cancel, no second job.
      expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
      expect(emulator.requests.filter((r) => r.route === 'queue.cancel')).toHaveLength(0);
      expect([...emulator.jobs.keys()]).toEqual([job!.id]);
      expect(extensionLog()).toContain('Resuming 1 pending job (command).');
      // The result is that job's edit: the colors inverted.
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
      // Nothing is left to resume: the kept job was followed to its end and forgotten.
      await notifications.clearAll();
      await workbench.runCommand('Retouch: Resume Pending Jobs');
      await notifications.waitFor('Retouch: no pending jobs to resume.');
    },
    keptWithin + 180_000,
  );
});
