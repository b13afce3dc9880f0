import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng, pixelAt, type RgbaImage, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import type { Session } from './harness/session.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { settledBox } from './harness/wait-until.js';

const W = 1200;
const H = 800;

/** The Studio's page, once it has drawn its image (as in studio.e2e.test.ts). */
async function studio(session: Session, name: string): Promise<FrameLocator> {
  await session.workbench.waitForTab(name);
  const page = session.workbench.page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .last()
    .contentFrame()
    .locator('#active-frame')
    .contentFrame();
  await page.locator('body[data-drawn="true"]').waitFor({ timeout: 60_000 });
  return page;
}

/** Every file under `dir`, as paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The box around the pixels where `a` and `b` differ by more than `tolerance`. */
function changedBox(a: RgbaImage, b: RgbaImage, tolerance: number, inset = { x: 0, y: 0 }) {
  let box: { left: number; top: number; right: number; bottom: number } | undefined;
  let count = 0;
  for (let y = inset.y; y < a.height - inset.y; y += 1) {
    for (let x = inset.x; x < a.width - inset.x; x += 1) {
      const pa = pixelAt(a, x, y);
      const pb = pixelAt(b, x, y);
      if (!pa.some((value, channel) => Math.abs(value - pb[channel]!) > tolerance)) continue;
      count += 1;
      box = box
        ? {
            left: Math.min(box.left, x),
            top: Math.min(box.top, y),
            right: Math.max(box.right, x),
            bottom: Math.max(box.bottom, y),
          }
        : { left: x, top: y, right: x, bottom: y };
    }
  }
  return { box, count };
}

describe('Retouch Studio: a region edit changes only the painted region', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'studio-region',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.results': 'studio',
      'retouch.confirmCostAbove': 5,
    }),
    files: { 'street.png': await colorfulPng(W, H) },
  }));

  // The .vsix ships the image codec (issue 29), which crops, composites and keeps the framing.
  test("a brush stroke in a corner, sent: the candidate is the photo's size, changed only under the stroke, and the slider shows just that", async (session) => {
    const { workbench, workspaceDir, browser } = session;
    await workbench.explorer.chooseFromContextMenu('street.png', 'Open in Retouch Studio');
    const page = await studio(session, 'street.png');
    await page.locator('#viewer').click({ position: { x: 20, y: 20 } });
    await page.locator('#viewer').press('b');
    await expect
      .poll(() => page.locator('button[data-tool="brush"]').getAttribute('aria-pressed'))
      .toBe('true');
    // One short stroke in the lower right: a small part of the photo, so a region edit.
    const draw = await settledBox(page.locator('#draw-layer'));
    const y = draw.y + draw.height * 0.75;
    await browser.page.mouse.move(draw.x + draw.width * 0.7, y);
    await browser.page.mouse.down();
    await browser.page.mouse.move(draw.x + draw.width * 0.8, y, { steps: 8 });
    await browser.page.mouse.up();
    await expect.poll(() => page.locator('body').getAttribute('data-marks')).toBe('true');
    await page.locator('#viewer').press('Escape');
    await page.locator('#prompt').fill('make it grayscale');
    await page.locator('#prompt').press('Enter');
    await expect.poll(() => page.locator('#grid [data-id]').count(), { timeout: 120_000 }).toBe(1);

    // The candidate on disk: the photo's size, its pixels the original's except near the stroke.
    const [candidate] = filesUnder(join(workspaceDir, '.retouch', 'candidates')).filter((path) =>
      /street\.retouch-\d+\.png$/.test(path),
    );
    const source = await readRgba(join(workspaceDir, 'street.png'));
    const edited = await readRgba(candidate!);
    expect([edited.width, edited.height]).toEqual([W, H]);
    const { box, count } = changedBox(source, edited, 0);
    expect(count).toBeGreaterThan(500);
    // The stroke runs from 70% to 80% across at 75% down, with the brush's width and a feather.
    expect(box!.left).toBeGreaterThan(W * 0.6);
    expect(box!.right).toBeLessThan(W * 0.9);
    expect(box!.top).toBeGreaterThan(H * 0.6);
    expect(box!.bottom).toBeLessThan(H * 0.9);
    const [r, g, b] = pixelAt(edited, W * 0.75, H * 0.75);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThanOrEqual(3);
    await expect
      .poll(() => page.locator('#detail-size').textContent())
      .toBe(`Result ${W}×${H} · source ${W}×${H}`);

    // The slider: all after, then all before. Only the region differs between the two.
    await page.locator('#viewer').press('c');
    await expect.poll(() => page.locator('#viewer').getAttribute('data-mode')).toBe('compare');
    // Where the divider stands, in percent of the width (the after image shows right of it).
    const split = async () => {
      const clip = await page
        .locator('#after')
        .evaluate((img) => (img as HTMLElement).style.clipPath);
      return Math.round(Number(/inset\(0px 0px 0px ([-\d.e]+)%\)/.exec(clip)?.[1] ?? Number.NaN));
    };
    for (let i = 0; i < 10; i += 1) await page.locator('#viewer').press('ArrowLeft');
    await expect.poll(split).toBe(0);
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-region-after');
    // The image on screen, wherever the Studio's frames put it (an element screenshot waits for
    // a stability the zoomed stage never reports).
    const shot = async () =>
      readRgba(await browser.page.screenshot({ clip: await settledBox(page.locator('#before')) }));
    const after = await shot();
    for (let i = 0; i < 20; i += 1) await page.locator('#viewer').press('ArrowRight');
    await expect.poll(split).toBe(100);
    await workbench.screenshot('studio-region-before');
    const before = await shot();
    expect([after.width, after.height]).toEqual([before.width, before.height]);
    // The divider and its handle stand at the left edge in one and the right edge in the other:
    // those strips are left out, and the rows where the image's edge meets the page.
    const seen = changedBox(before, after, 8, { x: 28, y: 4 });
    expect(seen.count).toBeGreaterThan(20);
    const scale = after.width / W;
    expect(seen.box!.left).toBeGreaterThan(W * 0.6 * scale);
    expect(seen.box!.right).toBeLessThan(W * 0.9 * scale);
    expect(seen.box!.top).toBeGreaterThan(H * 0.6 * scale);
    expect(seen.box!.bottom).toBeLessThan(H * 0.9 * scale);
  });
});
