import { type SwitchableProxy, startSwitchableProxy } from '@retouch/core/testing';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { queueSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitForResultFiles } from './harness/workspace-files.js';

const outageMs = 60_000;

describe('A queue job whose server disappears for a minute', () => {
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
    name: 'queue-outage',
    vsix: vsixPath(),
    userSettings: queueSettings(proxy.origin),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  test('is followed through the outage and written once, with no second submit and no job id shown', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('invert the colors', { title: /Describe the Edit/ });
    await workbench.notifications.waitFor(/Waiting in the queue|Editing/);
    await proxy.down();
    const downAt = Date.now();
    // What the user sees while the server is gone: still working on it, not an error.
    await workbench.notifications.waitFor(/trying again in|retr(?:y|ies) \(attempt/i, 30_000);
    await workbench.screenshot('server-gone');
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, outageMs - (Date.now() - downAt))),
    );
    await proxy.up();

    const [result] = await waitForResultFiles(workspaceDir, 'hero', 120_000);
    expect(result).toBe('hero.retouch-1.png');
    await workbench.notifications.waitFor('wrote hero.retouch-1.png');
    await workbench.screenshot('written-after-outage');
    expect(emulator.requests.filter((r) => r.route === 'queue.submit')).toHaveLength(1);
    expect(emulator.requests.filter((r) => r.route === 'queue.cancel')).toHaveLength(0);
    const [job] = [...emulator.jobs.values()];
    for (const message of await workbench.notifications.messages()) {
      expect(message).not.toContain(job!.id);
    }
  }, 300_000);
});
