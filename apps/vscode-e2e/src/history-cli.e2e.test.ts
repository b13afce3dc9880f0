import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { listFiles, resultFiles } from './harness/workspace-files.js';

const require = createRequire(import.meta.url);
/** The built `retouch` command, as a user would run it in the workspace's terminal. */
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');

/** The record a PNG result carries in its `retouch.edit` text chunk. */
async function embeddedRecord(path: string): Promise<Record<string, unknown> | undefined> {
  const comments = (await sharp(path).metadata()).comments ?? [];
  const text = comments.find((comment) => comment.keyword === 'retouch.edit')?.text;
  return text === undefined ? undefined : JSON.parse(text);
}

describe('Provenance without clutter, and one history for the extension and the CLI', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'history-cli',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, { 'retouch.defaults.n': 2 }),
    files: {
      'hero.png': await colorfulPng(96, 64),
      'shots/photo.png': await colorfulPng(64, 64, 40),
    },
  }));

  test('an edit with two results: both compared, the folder named, no .json beside them', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.explorer.chooseFromContextMenu('hero.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });

    await workbench.notifications.waitFor(
      'wrote hero.retouch-1.png, hero.retouch-2.png in workspace',
      60_000,
    );
    await workbench.waitForTab('hero.png ↔ hero.retouch-1.png');
    await workbench.waitForTab('hero.png ↔ hero.retouch-2.png');
    await workbench.waitForImagePreview('hero.retouch-2.png');
    await workbench.screenshot('two-results-two-compares');

    expect(resultFiles(workspaceDir, 'hero')).toEqual(['hero.retouch-1.png', 'hero.retouch-2.png']);
    expect(listFiles(workspaceDir).filter((name) => name.endsWith('.json'))).toEqual([]);
    const record = await embeddedRecord(join(workspaceDir, 'hero.retouch-2.png'));
    expect(record).toMatchObject({
      schema: 'retouch.edit/v2',
      tool: { name: 'retouch-vscode' },
      prompt: 'make it grayscale',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      sources: [{ path: 'hero.png' }],
      output: { file: 'hero.retouch-2.png', index: 1, count: 2 },
    });
  });

  test('Show History lists an edit made with the CLI in the same workspace, and opens its compares', async ({
    workbench,
    workspaceDir,
  }) => {
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();
    const cli = await promisify(execFile)(
      process.execPath,
      [cliBin, 'edit', 'shots/photo.png', '--prompt', 'invert the colors', '--n', '2', '--json'],
      {
        cwd: workspaceDir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: workspaceDir,
          NO_PROXY: '127.0.0.1,localhost',
          RETOUCH_BASE_URL: `${emulator.url}/v1`,
          RETOUCH_MODEL: 'gpt-image-1',
          OPENAI_API_KEY: 'sk-e2e-cli',
        },
      },
    );
    expect(JSON.parse(cli.stdout).outputs).toHaveLength(2);
    const shots = join(workspaceDir, 'shots');
    expect(listFiles(shots)).toEqual(['photo.png', 'photo.retouch-1.png', 'photo.retouch-2.png']);

    await workbench.runCommand('Retouch: Show History');
    await workbench.quickInput.waitFor({ title: 'Retouch: History' });
    const rows = workbench.quickInput.widget().locator('.quick-input-list .monaco-list-row');
    await expect.poll(() => rows.count()).toBe(2);
    const cliRow = rows.filter({ hasText: 'invert the colors' });
    await expect.poll(() => cliRow.textContent()).toMatch(/CLI/);
    await expect
      .poll(() => cliRow.textContent())
      .toMatch(/photo\.retouch-1\.png, photo\.retouch-2\.png/);
    await expect.poll(() => rows.filter({ hasText: 'make it grayscale' }).count()).toBe(1);
    await workbench.screenshot('history-with-cli-edit');

    await workbench.quickInput.pick(/invert the colors/, { title: 'Retouch: History' });
    await workbench.quickInput.pick(/Open Compares/);
    await workbench.waitForTab('photo.png ↔ photo.retouch-1.png');
    await workbench.waitForTab('photo.png ↔ photo.retouch-2.png');
    await workbench.waitForImagePreview('photo.retouch-2.png');
    await workbench.screenshot('cli-edit-compares');
  });
});
