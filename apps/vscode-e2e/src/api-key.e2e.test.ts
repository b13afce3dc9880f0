import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readAllLogs } from './harness/extension-log.js';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { resultFiles, waitForResultFiles } from './harness/workspace-files.js';

const API_KEY = `sk-e2e-${randomUUID()}`;

function editRequests(emulator: Emulator) {
  return emulator.requests.filter((request) => request.route === 'images.edits');
}

describe('Retouch: Set API Key…', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: API_KEY, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'api-key',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url),
    files: { 'hero.png': await colorfulPng(64, 64) },
  }));

  test('without a key the server refuses the edit and Retouch says what to do', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const error = await workbench.notifications.waitFor(/Retouch: .*key/i);
    await expect.poll(() => workbench.notifications.buttons(error)).toContain('Set API Key…');
    await workbench.screenshot('refused-without-key');
    expect(editRequests(emulator).at(-1)?.status).toBe(401);
    expect(resultFiles(workspaceDir, 'hero')).toEqual([]);
  });

  test('the key set through the command is sent, and never shows in the log', async ({
    workbench,
    workspaceDir,
    profile,
    extensionLog,
  }) => {
    await workbench.notifications.clearAll();
    await workbench.runCommand('Retouch: Set API Key…');
    await workbench.quickInput.pick('OpenAI-compatible', { title: 'Retouch: Set API Key' });
    await workbench.quickInput.answerInputBox(API_KEY, {
      title: 'Retouch: API Key for OpenAI-compatible',
    });
    await workbench.notifications.waitFor('saved the API key for OpenAI-compatible');
    await workbench.screenshot('key-saved');

    const before = editRequests(emulator).length;
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'hero');
    expect(result).toBe('hero.retouch-1.png');
    await workbench.waitForTab('hero.png ↔ hero.retouch-1.png');
    await workbench.waitForImagePreview('hero.retouch-1.png');

    const sent = editRequests(emulator).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent[0]?.status).toBe(200);

    await workbench.runCommand('Retouch: Show Log');
    // The Output view scrolls to the newest lines; older ones are checked in the file below.
    const output = workbench.page.locator('[id="workbench.panel.output"] .view-lines');
    const visibleLog = async () => ((await output.textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(visibleLog).toContain('/v1/images/edits → 200');
    expect(await visibleLog()).not.toContain(API_KEY);
    await workbench.screenshot('log-output');

    // The log file behind the Output channel has the requests, but not the key; nor has any
    // other log, the sidecar, or the settings.
    expect(extensionLog()).toContain('Saved the apiKey for openai-compatible');
    const log = readAllLogs(profile.userDataDir);
    expect(log).toMatch(/POST .*\/v1\/images\/edits/);
    expect(log).not.toContain(API_KEY);
    for (const name of readdirSync(workspaceDir)) {
      expect(readFileSync(join(workspaceDir, name), 'latin1')).not.toContain(API_KEY);
    }
    expect(readFileSync(join(profile.userDataDir, 'User', 'settings.json'), 'utf8')).not.toContain(
      API_KEY,
    );
  });
});
