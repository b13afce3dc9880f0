import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { readAllLogs } from './harness/extension-log.js';
import { colorfulPng, grayShare, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitForResultFiles } from './harness/workspace-files.js';

const GEMINI_KEY = `AIza-e2e-${randomUUID()}`;

describe('Google (Gemini) as a built-in provider', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ apiKey: GEMINI_KEY, log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'google-provider',
    vsix: vsixPath(),
    // OpenAI-compatible is selected at first; Google's endpoint is the emulator's API root.
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.google.baseURL': `${emulator.url}/v1beta`,
    }),
    files: { 'hero.png': await colorfulPng(96, 64) },
  }));

  test('Select Provider and Model → Google → a Gemini model → Set API Key… → an edit writes its result', async ({
    workbench,
    workspaceDir,
    profile,
  }) => {
    await workbench.runCommand('Retouch: Select Provider and Model');
    await workbench.quickInput.pick('Google (Gemini)', { title: 'Retouch: Select Provider' });
    await workbench.quickInput.waitFor({ title: 'Retouch: Select Model (Google (Gemini))' });
    await workbench.screenshot('gemini-models');
    await workbench.quickInput.pick('gemini-3-pro-image', {
      title: 'Retouch: Select Model (Google (Gemini))',
    });
    await workbench.notifications.waitFor('using Google (Gemini) with gemini-3-pro-image');

    await workbench.runCommand('Retouch: Set API Key…');
    await workbench.quickInput.pick('Google (Gemini)', { title: 'Retouch: Set API Key' });
    await workbench.quickInput.answerInputBox(GEMINI_KEY, {
      title: 'Retouch: API Key for Google (Gemini)',
    });
    await workbench.notifications.waitFor('saved the API key for Google (Gemini)');

    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'hero');
    expect(result).toBe('hero.retouch-1.png');
    await workbench.notifications.waitFor('wrote hero.retouch-1.png');
    await workbench.screenshot('gemini-result');

    const edited = await readRgba(join(workspaceDir, result!));
    expect(grayShare(edited)).toBeGreaterThan(0.99);
    // Gemini 3 Pro Image answers a 3:2 input at its 3:2 size at 1K.
    expect([edited.width, edited.height]).toEqual([1264, 848]);
    const sent = emulator.requests.filter((r) => r.route === 'gemini.generateContent');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.path).toBe('/v1beta/models/gemini-3-pro-image:generateContent');
    expect(sent[0]?.headers['x-goog-api-key']).toBe(GEMINI_KEY);
    expect(sent[0]?.status).toBe(200);
    expect(emulator.requests.some((r) => r.route === 'images.edits')).toBe(false);

    expect(readAllLogs(profile.userDataDir)).not.toContain(GEMINI_KEY);
    expect(readFileSync(join(profile.userDataDir, 'User', 'settings.json'), 'utf8')).not.toContain(
      GEMINI_KEY,
    );
  });
});
