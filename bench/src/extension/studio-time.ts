import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Frame, type Page } from 'playwright-core';
import sharp from 'sharp';
import { cacheDir } from '../bench-paths.js';
import { startBenchCodeServer } from './bench-code-server.js';

/** One opening of the Studio, and the candidate switches made in it. */
export interface StudioRun {
  /**
   * Enter on the image in Quick Open → the Studio has loaded and drawn the image (the page's
   * `studio:drawn` mark: two frames painted after the image loaded).
   */
  openMs: number;
  /**
   * `]` pressed in the page → the next candidate decoded and painted (two frames later), once
   * the Studio has decoded its candidates after drawing the image.
   */
  switchMs: number[];
}

const width = 6000;
const height = 4000;
const chromiumPath = process.env.RETOUCH_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** A 6000×4000 photo-like JPEG (smooth gradients with fine noise, as a camera gives). */
async function photo(tint: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7 + tint;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = (seed >> 16) & 15;
      const i = (y * width + x) * 3;
      pixels[i] = ((x * 255) / width + noise + tint) & 255;
      pixels[i + 1] = ((y * 255) / height + noise) & 255;
      pixels[i + 2] = (((x + y) * 100) / width + noise + tint * 2) & 255;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * The workspace: photo.jpg and, in its store, one edit with three candidates of the same size,
 * as the extension writes them (see packages/output's candidates store).
 */
async function seedWorkspace(workspace: string): Promise<void> {
  const edit = join(workspace, '.retouch', 'candidates', 'bench-edit');
  mkdirSync(edit, { recursive: true });
  writeFileSync(join(workspace, '.retouch', '.gitignore'), '*\n');
  writeFileSync(join(workspace, 'photo.jpg'), await photo(0));
  const candidates = [];
  for (let index = 0; index < 3; index++) {
    const file = `photo.retouch-${index + 1}.jpg`;
    writeFileSync(join(edit, file), await photo(40 * (index + 1)));
    candidates.push({ index, file, mediaType: 'image/jpeg', width, height });
  }
  writeFileSync(
    join(edit, 'edit.json'),
    JSON.stringify({
      schema: 'retouch.candidates/v1',
      editId: 'bench-edit',
      createdAt: new Date().toISOString(),
      root: 'photo.jpg',
      source: { file: 'photo.jpg', sha256: '' },
      prompt: 'warmer light',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      options: { n: 3 },
      candidates,
    }),
  );
}

async function studioFrame(page: Page, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const drawn = await frame
        .locator('body[data-drawn="true"] #grid')
        .count()
        .catch(() => 0);
      if (drawn > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error('the Studio never drew its image');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Quick Open with `text` typed (a leading `>` makes it the command palette). */
async function palette(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 15_000 });
}

/** In the page: `]`, then until the after image is decoded and two frames are painted. */
function switchOnce(frame: Frame): Promise<number> {
  return frame.evaluate(async () => {
    const after = document.getElementById('after') as HTMLImageElement;
    const before = after.getAttribute('src');
    const started = performance.now();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ']', bubbles: true }));
    while (after.getAttribute('src') === before) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    await after.decode().catch(() => undefined);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return performance.now() - started;
  });
}

/**
 * Opens the Studio on a 6000×4000 JPEG `runs` times in code-server (the extension's real
 * webview), each time from Quick Open with the Studio as the editor for JPEGs, and switches
 * between its three candidates in each.
 */
export async function measureStudio(vsix: string, runs: number): Promise<StudioRun[]> {
  const root = join(cacheDir, 'code-server-studio');
  const server = await startBenchCodeServer(root, vsix);
  const workspace = join(root, 'workspace');
  await seedWorkspace(workspace);
  writeFileSync(
    join(root, 'user-data', 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'git.enabled': false,
      'workbench.editorAssociations': { '*.jpg': 'retouch.studio' },
    }),
  );
  const browserProfile = mkdtempSync(join(cacheDir, 'chromium-'));
  const context = await chromium.launchPersistentContext(browserProfile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({
      timeout: 90_000,
    });
    const results: StudioRun[] = [];
    // Where it stopped, if it does: bench/.cache/studio-failure.png.
    const failure = join(cacheDir, 'studio-failure.png');
    rmSync(failure, { force: true });
    try {
      await openAndSwitch(page, runs, results);
    } catch (error) {
      await page.screenshot({ path: failure }).catch(() => {});
      throw error;
    }
    return results;
  } finally {
    await context.close().catch(() => {});
    rmSync(browserProfile, { recursive: true, force: true });
    await server.close();
  }
}

async function openAndSwitch(page: Page, runs: number, results: StudioRun[]): Promise<void> {
  for (let i = 0; i < runs; i++) {
    await palette(page, 'photo.jpg');
    const started = Date.now();
    await page.keyboard.press('Enter');
    const frame = await studioFrame(page, 60_000);
    // When the page drew it, by its own clock (the wall clock, as Date.now here): finding the
    // frame over the DevTools protocol takes a few polls, which are not the Studio's time.
    const drawnAt = await frame.evaluate(() => {
      const mark = performance.getEntriesByName('studio:drawn')[0];
      return mark ? performance.timeOrigin + mark.startTime : undefined;
    });
    const openMs = Math.max(0, (drawnAt ?? Date.now()) - started);
    // As a person would: the image is on screen, the Studio decodes the candidates meanwhile.
    await frame.locator('body[data-preloaded="true"]').waitFor({ timeout: 60_000 });
    const switchMs: number[] = [];
    for (let s = 0; s < 3; s++) switchMs.push(await switchOnce(frame));
    results.push({ openMs, switchMs });
    await palette(page, '>View: Close All Editors');
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached' });
  }
}
