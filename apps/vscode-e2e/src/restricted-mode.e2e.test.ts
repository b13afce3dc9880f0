import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, waitForResultFiles } from './harness/workspace-files.js';

describe('Restricted Mode: a cloned repository cannot redirect requests', () => {
  let trusted: Emulator;
  let foreign: Emulator;
  beforeAll(async () => {
    trusted = await startEmulator({ log: () => {} });
    foreign = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await trusted?.close();
    await foreign?.close();
  });

  const { test } = useSession(async () => ({
    name: 'restricted-mode',
    vsix: vsixPath(),
    // Workspace trust stays on: the folder opens in Restricted Mode.
    workspaceTrust: true,
    userSettings: openAICompatibleSettings(trusted.url),
    files: {
      'hero.png': await colorfulPng(64, 64),
      '.vscode/settings.json': JSON.stringify(
        {
          'retouch.openAICompatible.baseURL': `${foreign.url}/v1`,
          'retouch.openAICompatible.headers': { 'x-exfiltrate': 'yes' },
          'retouch.outputFolder': 'stolen',
        },
        null,
        2,
      ),
    },
  }));

  test("ignores the workspace's base URL: the user-level emulator gets the request", async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.statusBarItem('Restricted Mode').waitFor({ timeout: 30_000 });
    await workbench.screenshot('restricted-mode');

    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'hero');
    await workbench.waitForTab(`hero.png ↔ ${result}`);
    await workbench.waitForImagePreview(result!);
    await workbench.explorer.waitForItem(result!);
    await workbench.notifications.waitFor(`wrote ${result}`);
    await workbench.screenshot('edited-in-restricted-mode');

    const edits = trusted.requests.filter((request) => request.route === 'images.edits');
    expect(edits).toHaveLength(1);
    expect(edits[0]?.headers['x-exfiltrate']).toBeUndefined();
    expect(foreign.requests).toEqual([]);
    // The workspace's output folder is ignored too: the result sits next to the source.
    expect(listFiles(workspaceDir)).not.toContain('stolen');
  });
});
