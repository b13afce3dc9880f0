import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { changedPixels, colorfulPng, pixelAt, type RgbaImage, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { settledBox } from './harness/wait-until.js';
import { listFiles, waitForResultFiles } from './harness/workspace-files.js';

const W = 960;
const H = 640;
/** The thing to remove: a lamp post standing in the field. */
const POST = { left: 700, top: 318, right: 722, bottom: 560 };
/** The rectangle drawn around it (image pixels), the label and the arrow pointing at it. */
const BOX = { left: 660, top: 290, right: 760, bottom: 590 };
const LABEL = { x: 380, y: 150 };
const ARROW = { from: { x: 520, y: 200 }, to: { x: 640, y: 280 } };
const MARGIN = 6;

type Rgb = [number, number, number];
const mix = (a: Rgb, b: Rgb, t: number): Rgb =>
  a.map((value, channel) => value + (b[channel]! - value) * t) as Rgb;

/**
 * A quiet evening scene, none of whose colours is vivid (so only the marks are): a sky fading to
 * the horizon, a low sun, mountains, a field, and a lamp post in it.
 */
function sceneColor(x: number, y: number): Rgb {
  const horizon = 400;
  const mountain = 330 + 45 * Math.sin(x / 90) + 25 * Math.sin(x / 37 + 1);
  const field = horizon + 12 * Math.sin(x / 160);
  const post =
    (x >= 706 && x <= 716 && y >= POST.top + 14 && y <= POST.bottom) ||
    (x >= POST.left && x <= POST.right && y >= POST.top && y < POST.top + 14);
  if (post) return y < POST.top + 14 ? [238, 226, 170] : [44, 44, 52];
  if (y > field) return mix([92, 128, 84], [60, 96, 64], (y - field) / (H - field));
  if (y > mountain) return mix([86, 78, 122], [70, 84, 110], (y - mountain) / (field - mountain));
  const sun = Math.hypot(x - 230, y - 300);
  const sky = mix([58, 84, 150], [236, 170, 132], Math.min(1, y / horizon));
  return sun < 56 ? [252, 222, 160] : sun < 90 ? mix([252, 222, 160], sky, (sun - 56) / 34) : sky;
}

async function scenePng(): Promise<Buffer> {
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y += 1) {
    for (let x = 0; x < W; x += 1) {
      data.set(
        sceneColor(x, y).map((value) => Math.round(value)),
        (y * W + x) * 3,
      );
    }
  }
  return sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
}

/** Pixels close to one of the painter's vivid mark colours. */
function vividPixels(image: RgbaImage): number {
  let count = 0;
  for (let i = 0; i < image.width * image.height; i += 1) {
    const channels = [image.data[i * 4]!, image.data[i * 4 + 1]!, image.data[i * 4 + 2]!];
    if (channels.every((value) => value <= 64 || value >= 191) && Math.max(...channels) >= 191) {
      if (!channels.every((value) => value >= 191)) count += 1;
    }
  }
  return count;
}

describe('Retouch: Edit with Markup… and prompt presets', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'markup-and-presets',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, {
      // The record also goes beside each result, where this file reads it (WebP keeps it in XMP).
      'retouch.output.sidecar': true,
      'retouch.presets': [
        {
          name: 'web-sepia',
          description: 'Sepia for the blog',
          prompt: 'sepia tone',
          options: { outputFormat: 'webp' },
        },
      ],
    }),
    files: { 'scene.png': await scenePng(), 'product.png': await colorfulPng(120, 80) },
  }));

  test('a rectangle and a label, then "remove this": only the boxed region changes, and no mark is left', async ({
    workbench,
    workspaceDir,
    browser,
  }) => {
    const { page } = browser;
    await workbench.explorer.chooseFromContextMenu('scene.png', 'Edit with Markup…');
    await workbench.waitForTab('Markup: scene.png');
    const painter = workbench.webview();
    const canvas = painter.locator('#preview');
    await canvas.waitFor({ timeout: 30_000 });
    await expect.poll(() => painter.locator('#save').isDisabled()).toBe(true);

    // Once the canvas has its final size and place (it is scaled to the image when that loads).
    const box = await settledBox(canvas);
    const screen = (x: number, y: number) => ({
      x: box.x + (x / W) * box.width,
      y: box.y + (y / H) * box.height,
    });

    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
      const start = screen(from.x, from.y);
      const end = screen(to.x, to.y);
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(end.x, end.y, { steps: 10 });
      await page.mouse.up();
    };
    await painter.locator('button[data-tool="rectangle"]').click();
    await drag({ x: BOX.left, y: BOX.top }, { x: BOX.right, y: BOX.bottom });
    await painter.locator('button[data-color="#ffd60a"]').click();
    await painter.locator('button[data-tool="arrow"]').click();
    await drag(ARROW.from, ARROW.to);

    await painter.locator('button[data-tool="text"]').click();
    const at = screen(LABEL.x, LABEL.y);
    await page.mouse.click(at.x, at.y);
    const entry = painter.locator('#text-entry');
    await entry.waitFor({ state: 'visible', timeout: 10_000 });
    await entry.pressSequentially('remove this');
    await entry.press('Enter');
    await expect.poll(() => entry.isHidden()).toBe(true);
    await expect.poll(() => painter.locator('#save').isEnabled()).toBe(true);
    // The keyboard works like the buttons: Ctrl+Z takes the label back, Ctrl+Shift+Z brings it
    // again, and O picks the ellipse.
    await page.keyboard.press('Control+z');
    await expect.poll(() => painter.locator('#redo').isEnabled()).toBe(true);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => painter.locator('#redo').isDisabled()).toBe(true);
    await page.keyboard.press('o');
    await expect
      .poll(() => painter.locator('button[data-tool="ellipse"]').getAttribute('aria-pressed'))
      .toBe('true');
    await workbench.screenshot('markup-drawn');
    await painter.locator('#save').click();

    await workbench.quickInput.answerFreeText('remove this', { title: /Describe the Edit/ });
    const [result] = await waitForResultFiles(workspaceDir, 'scene');
    await workbench.waitForTab(`scene.png ↔ ${result}`);
    await workbench.waitForImagePreview(result!);
    await workbench.screenshot('markup-result');

    // The marked-up copy is kept beside the source, at its size, with the marks on it.
    expect(listFiles(workspaceDir)).toContain('scene.markup-1.png');
    const marked = await readRgba(join(workspaceDir, 'scene.markup-1.png'));
    expect([marked.width, marked.height]).toEqual([W, H]);
    expect(vividPixels(marked)).toBeGreaterThan(500);

    // Both softened alike, so the scaling's ringing at sharp edges (sun, ridge) reads as equal.
    const source = await readRgba(
      await sharp(join(workspaceDir, 'scene.png')).blur(1.5).png().toBuffer(),
    );
    // gpt-image-1 answers the 3:2 scene at 1536×1024 (the emulator once echoed 960×640); seen
    // at the source's size, only the marked box changed.
    const answer = await sharp(join(workspaceDir, result!)).metadata();
    expect([answer.width, answer.height]).toEqual([1536, 1024]);
    const edited = await readRgba(
      await sharp(join(workspaceDir, result!)).resize(W, H).blur(1.5).png().toBuffer(),
    );
    // Scaled up by the model and back down here: edges move by a few levels.
    const changed = changedPixels(source, edited, 16);
    const inBox = ({ x, y }: { x: number; y: number }) =>
      x >= BOX.left - MARGIN &&
      x <= BOX.right + MARGIN &&
      y >= BOX.top - MARGIN &&
      y <= BOX.bottom + MARGIN;
    // Outside the box, only a thin scatter where a sharp edge (the ridge) moved under the scaling.
    expect(changed.filter((pixel) => !inBox(pixel)).length).toBeLessThan(W * H * 0.002);
    // The post is gone: where it stood, the result continues the field around it.
    expect(changed.length).toBeGreaterThan((POST.bottom - POST.top) * 10 * 0.8);
    const [r, g, b] = pixelAt(edited, 711, 500);
    const field = pixelAt(source, BOX.left - 10, 500);
    expect(Math.abs(r - field[0]) + Math.abs(g - field[1]) + Math.abs(b - field[2])).toBeLessThan(
      45,
    );
    // No trace of the marks: neither the rectangle nor the label.
    expect(vividPixels(edited)).toBe(0);

    await expect
      .poll(() => listFiles(workspaceDir), { timeout: 30_000 })
      .toContain(`${result}.json`);
    // The record keeps the unmarked source, the marked-up copy that was sent, and the prompt
    // both as typed and as sent, so a re-run is exact.
    const record = JSON.parse(readFileSync(join(workspaceDir, `${result}.json`), 'utf8'));
    expect(record.prompt).toBe('remove this');
    expect(record.sources.map((file: { path: string }) => file.path)).toEqual(['scene.png']);
    expect(record.markup).toMatchObject({ path: 'scene.markup-1.png', delivery: 'flattened' });
    expect(record.markup.sentPrompt).toMatch(/marks[\s\S]*Follow them: remove this/);
  });

  test('a preset picked in the prompt step with the keyboard edits with its prompt and options', async ({
    workbench,
    workspaceDir,
    browser,
  }) => {
    const { page } = browser;
    await workbench.runCommand('View: Close All Editors');
    // From here on, only the keyboard: the palette, the image pick, the prompt step.
    await workbench.runCommand('Retouch: Edit Image…');
    await workbench.quickInput.pick('product.png', { title: /Select an Image to Edit/ });

    const { rows } = await workbench.quickInput.waitFor({ title: /Describe the Edit/ });
    // Presets come first, the user's own before the built-in ones.
    expect(rows.slice(0, 2).map((row) => row.label)).toEqual(['web-sepia', 'remove-background']);
    await workbench.screenshot('prompt-step-with-presets');
    await page.keyboard.type('sepia');
    await workbench.quickInput.pick({ label: 'web-sepia' }, { title: /Describe the Edit/ });

    const [result] = await waitForResultFiles(workspaceDir, 'product');
    expect(result).toBe('product.retouch-1.webp');
    // The sidecar follows the image.
    await expect
      .poll(() => listFiles(workspaceDir), { timeout: 30_000 })
      .toContain(`${result}.json`);
    const sidecar = JSON.parse(readFileSync(join(workspaceDir, `${result}.json`), 'utf8'));
    expect(sidecar).toMatchObject({ prompt: 'sepia tone', options: { outputFormat: 'webp' } });
    expect((await sharp(join(workspaceDir, result!)).metadata()).format).toBe('webp');
    // Sepia: red above green above blue, where the source had blue above both at the left edge.
    const [r, g, b] = pixelAt(await readRgba(join(workspaceDir, result!)), 4, 40);
    expect(r).toBeGreaterThan(g);
    expect(g).toBeGreaterThan(b);
  });
});
