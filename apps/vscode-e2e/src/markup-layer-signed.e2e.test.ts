import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, pixelAt, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { settledBox } from './harness/wait-until.js';
import { listFiles, waitForResultFiles } from './harness/workspace-files.js';

const require = createRequire(import.meta.url);
/** The built `retouch` command, as a user would run it in the workspace's terminal. */
const cliBin = join(dirname(require.resolve('@retouch/cli/package.json')), 'dist', 'bin.js');

const W = 320;
const H = 240;
/** A dark block on a calm gray field: the thing to remove, and the box drawn around it. */
const BLOCK = { left: 140, top: 90, right: 180, bottom: 150 };
const BOX = { left: 120, top: 70, right: 200, bottom: 170 };

async function fieldPng(): Promise<Buffer> {
  const data = Buffer.alloc(W * H * 3, 150);
  for (let y = BLOCK.top; y < BLOCK.bottom; y++) {
    for (let x = BLOCK.left; x < BLOCK.right; x++)
      data.fill(40, (y * W + x) * 3, (y * W + x) * 3 + 3);
  }
  return sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('gpt-image-2.6 markup as its own layer, and signed results without clutter', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');

  const { test } = useSession(async () => ({
    name: 'markup-layer-signed',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.model': 'gpt-image-2.6-flare',
    }),
    files: {
      'field.png': await fieldPng(),
      'signed.png': await colorfulPng(96, 64),
      'shots/photo.png': await colorfulPng(64, 64, 40),
    },
  }));

  test('a box drawn in the painter reaches gpt-image-2.6 as a markup layer beside the untouched image', async ({
    workbench,
    workspaceDir,
    browser,
  }) => {
    emulator.reset();
    const { page } = browser;
    await workbench.explorer.chooseFromContextMenu('field.png', 'Edit with Markup…');
    await workbench.waitForTab('Markup: field.png');
    const painter = workbench.webview();
    const canvas = painter.locator('#preview');
    await canvas.waitFor({ timeout: 30_000 });
    const box = await settledBox(canvas);
    const screen = (x: number, y: number) => ({
      x: box.x + (x / W) * box.width,
      y: box.y + (y / H) * box.height,
    });
    await painter.locator('button[data-tool="rectangle"]').click();
    const start = screen(BOX.left, BOX.top);
    const end = screen(BOX.right, BOX.bottom);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(end.x, end.y, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => painter.locator('#save').isEnabled()).toBe(true);
    await workbench.screenshot('box-drawn');
    await painter.locator('#save').click();

    await workbench.quickInput.answerFreeText('remove this', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'field');
    await workbench.waitForTab(`field.png ↔ ${result}`);
    await workbench.screenshot('layer-result');

    // At the emulator: the image is field.png byte for byte, the marks came as their own part.
    const [request] = edits();
    const files = request?.edit?.files ?? [];
    expect(files.map((file) => file.name)).toEqual(['image', 'markup']);
    expect(files[0]?.sha256).toBe(sha256(readFileSync(join(workspaceDir, 'field.png'))));
    expect(request?.edit).toMatchObject({
      model: 'gpt-image-2.6-flare',
      markup: { delivery: 'layer' },
    });
    // The block inside the box is gone, and nothing outside the box changed.
    const edited = await readRgba(join(workspaceDir, result!));
    expect(pixelAt(edited, 160, 120).slice(0, 3)).toEqual([150, 150, 150]);
    expect(pixelAt(edited, 20, 20).slice(0, 3)).toEqual([150, 150, 150]);
  });

  test('a signed result keeps the server’s bytes, leaves nothing beside it, and History lists it', async ({
    workbench,
    workspaceDir,
  }) => {
    emulator.reset();
    emulator.setFaults([{ route: 'images.edits', sign: true }]);
    await workbench.runCommand('View: Close All Editors');
    await workbench.notifications.clearAll();
    // Made by the CLI in the workspace, so History can only know it from the files on disk.
    const cli = await promisify(execFile)(
      process.execPath,
      [cliBin, 'edit', 'shots/photo.png', '--prompt', 'invert the colors', '--json'],
      {
        cwd: workspaceDir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: workspaceDir,
          NO_PROXY: '127.0.0.1,localhost',
          RETOUCH_BASE_URL: `${emulator.url}/v1`,
          RETOUCH_MODEL: 'gpt-image-2',
          OPENAI_API_KEY: 'sk-e2e-cli',
        },
      },
    );
    expect(JSON.parse(cli.stdout).outputs[0].record).toBe('store');
    const shots = join(workspaceDir, 'shots');
    expect(listFiles(shots)).toEqual(['.retouch', 'photo.png', 'photo.retouch-1.png']);
    const [request] = edits();
    expect(request?.edit?.signed).toBe(true);
    expect(sha256(readFileSync(join(shots, 'photo.retouch-1.png')))).toBe(
      request?.edit?.outputs?.[0],
    );

    await workbench.runCommand('Retouch: Show History');
    await workbench.quickInput.waitFor({ title: 'Retouch: History' });
    const rows = workbench.quickInput.widget().locator('.quick-input-list .monaco-list-row');
    const signedRow = rows.filter({ hasText: 'invert the colors' });
    await expect.poll(() => signedRow.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => signedRow.textContent()).toMatch(/photo\.retouch-1\.png/);
    await workbench.screenshot('history-lists-signed-edit');
  });

  test('an edit in VS Code that comes back signed is written as sent, its record hidden in the workspace’s .retouch/', async ({
    workbench,
    workspaceDir,
  }) => {
    emulator.reset();
    emulator.setFaults([{ route: 'images.edits', sign: true }]);
    await workbench.explorer.chooseFromContextMenu('signed.png', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'signed');
    await workbench.waitForTab(`signed.png ↔ ${result}`);
    await workbench.screenshot('signed-result');

    const [request] = edits();
    expect(request?.edit?.signed).toBe(true);
    const written = readFileSync(join(workspaceDir, result!));
    expect(sha256(written)).toBe(request?.edit?.outputs?.[0]);
    const beside = listFiles(workspaceDir).filter((name) => name.startsWith('signed'));
    expect(beside).toEqual(['signed.png', result]);
    expect(readFileSync(join(workspaceDir, '.retouch', '.gitignore'), 'utf8')).toBe('*\n');
    const record = JSON.parse(
      readFileSync(join(workspaceDir, '.retouch', 'records', `${sha256(written)}.json`), 'utf8'),
    );
    expect(record).toMatchObject({ prompt: 'make it grayscale', tool: { name: 'retouch-vscode' } });
  });
});
