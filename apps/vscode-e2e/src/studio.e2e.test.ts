import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { colorfulPng } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import type { Session } from './harness/session.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { settledBox, waitUntil } from './harness/wait-until.js';
import { listFiles } from './harness/workspace-files.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The Studio's page, once it has drawn its image. */
async function studio(session: Session, name: string): Promise<FrameLocator> {
  const { workbench } = session;
  await workbench.waitForTab(name);
  // The visible one: a Studio in a tab behind keeps its webview.
  const page = workbench.page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .last()
    .contentFrame()
    .locator('#active-frame')
    .contentFrame();
  await page.locator('body[data-drawn="true"]').waitFor({ timeout: 60_000 });
  return page;
}

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

function pressed(page: FrameLocator, tool: string): Promise<string | null> {
  return page.locator(`button[data-tool="${tool}"]`).getAttribute('aria-pressed');
}

async function candidateCount(page: FrameLocator): Promise<number> {
  return page.locator('#grid [data-id]').count();
}

describe('Retouch Studio: see the candidates, compare them closely, refine, keep one', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'studio',
    vsix: vsixPath(),
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.results': 'studio',
      'retouch.defaults.n': 3,
      // Each edit here is about $0.76 at gpt-image-1's listed prices: only the re-run asks.
      'retouch.confirmCostAbove': 5,
    }),
    files: {
      'photo.jpg': await sharp(await colorfulPng(640, 424))
        .jpeg({ quality: 90 })
        .toBuffer(),
      'portrait.png': await colorfulPng(160, 200, 90),
    },
  }));

  test('Edit Image… with n=3 opens the Studio with 3 candidates; Keep writes only the one kept', async (session) => {
    const { workbench, workspaceDir } = session;
    await workbench.explorer.chooseFromContextMenu('photo.jpg', 'Edit Image…');
    await workbench.quickInput.answerFreeText('make it grayscale', { title: /Describe the Edit/ });
    const page = await studio(session, 'photo.jpg');
    await expect.poll(() => candidateCount(page), { timeout: 60_000 }).toBe(3);
    await workbench.screenshot('studio-three-candidates');

    // Compare closely: 1:1 pixels, slider moved with the keyboard.
    await page.locator('#viewer').click({ position: { x: 20, y: 20 } });
    await page.locator('#viewer').press('1');
    await expect.poll(() => page.locator('#viewer').getAttribute('data-zoom')).toBe('1');
    await page.locator('#viewer').press('c');
    await expect.poll(() => page.locator('#viewer').getAttribute('data-mode')).toBe('compare');
    await page.locator('#viewer').press('ArrowLeft');
    await expect
      .poll(() => page.locator('#after').evaluate((img) => (img as HTMLElement).style.clipPath))
      .toBe('inset(0px 0px 0px 45%)');
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-slider-1-to-1');

    await page.locator('#grid [data-id]').nth(1).click();
    await page.locator('#keep').click();
    await expect
      .poll(() => text(page.locator('#notice')), { timeout: 30_000 })
      .toMatch(/Kept as photo\.edit-1\.jpg/);
    await workbench.explorer.waitForItem('photo.edit-1.jpg');
    const rows = await workbench.explorer
      .rows()
      .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    expect(rows.sort()).toEqual(['photo.edit-1.jpg', 'photo.jpg', 'portrait.png']);
    expect(listFiles(workspaceDir)).toEqual([
      '.retouch',
      'photo.edit-1.jpg',
      'photo.jpg',
      'portrait.png',
    ]);
    expect(readFileSync(join(workspaceDir, '.retouch', '.gitignore'), 'utf8')).toBe('*\n');
    await workbench.screenshot('studio-kept');
  });

  test('Replace Original changes the file; Undo Replace restores its exact bytes', async (session) => {
    const { workbench, workspaceDir } = session;
    const photo = join(workspaceDir, 'photo.jpg');
    const before = sha256(photo);
    const page = await studio(session, 'photo.jpg');
    await page.locator('#grid [data-id]').nth(2).click();
    await page.locator('#replace').click();
    await workbench.dialogs.clickButton(/Replace photo\.jpg/, 'Replace');
    await expect.poll(() => sha256(photo), { timeout: 30_000 }).not.toBe(before);
    await workbench.runCommand('Retouch: Undo Replace');
    await workbench.notifications.waitFor('photo.jpg is back as it was');
    expect(sha256(photo)).toBe(before);
  });

  test('Refine: the candidate becomes the source; the chain shows original → candidate → refined', async (session) => {
    const { workbench } = session;
    const page = await studio(session, 'photo.jpg');
    const before = await candidateCount(page);
    await page.locator('#grid [data-id]').first().click();
    await page.locator('#refine').click();
    await expect.poll(() => text(page.locator('#source-label'))).toMatch(/Editing candidate 1 of/);
    await page.locator('#prompt').fill('invert the colors');
    await page.locator('#prompt').press('Enter');
    await expect.poll(() => candidateCount(page), { timeout: 60_000 }).toBe(before + 3);
    // The new edit's first candidate is selected as it arrives.
    await expect
      .poll(() => text(page.locator('#detail-chain')))
      .toBe('photo.jpg → “make it grayscale” → “invert the colors”');
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-refined-chain');
    await page.locator('#source-clear').click();
    await expect.poll(() => page.locator('#source-line').isHidden()).toBe(true);
  });

  test('a mask painted in the Studio survives Escape and closing; nothing is written beside the image', async (session) => {
    const { workbench, workspaceDir, browser } = session;
    await workbench.explorer.chooseFromContextMenu('portrait.png', 'Open in Retouch Studio');
    const page = await studio(session, 'portrait.png');
    await page.locator('#viewer').click({ position: { x: 20, y: 20 } });
    await page.locator('#viewer').press('b');
    await expect.poll(() => pressed(page, 'brush')).toBe('true');
    const box = await settledBox(page.locator('#draw-layer'));
    const y = box.y + box.height / 2;
    await browser.page.mouse.move(box.x + box.width * 0.3, y);
    await browser.page.mouse.down();
    await browser.page.mouse.move(box.x + box.width * 0.7, y, { steps: 10 });
    await browser.page.mouse.up();
    await expect.poll(() => page.locator('body').getAttribute('data-marks')).toBe('true');
    await workbench.notifications.clearAll();
    await workbench.screenshot('studio-mask-painted');
    await page.locator('#viewer').press('Escape');
    await expect.poll(() => pressed(page, 'brush')).toBe('false');
    // Kept in the store as painted.
    await waitUntil(
      async () => listFiles(join(workspaceDir, '.retouch', 'marks')).length > 0,
      () => 'The marks were never kept in the store.',
    );
    await workbench.runCommand('View: Close Editor');
    await workbench.explorer.chooseFromContextMenu('portrait.png', 'Open in Retouch Studio');
    const again = await studio(session, 'portrait.png');
    await expect.poll(() => again.locator('body').getAttribute('data-marks')).toBe('true');
    expect(await text(again.locator('#marks-status'))).toMatch(/a mask/);
    expect(listFiles(workspaceDir).filter((name) => name.startsWith('portrait'))).toEqual([
      'portrait.png',
    ]);
    await workbench.screenshot('studio-mask-kept');
  });

  test("typing a preset's name and Enter sends the preset's prompt", async (session) => {
    const { workbench } = session;
    await workbench.explorer.chooseFromContextMenu('photo.jpg', 'Edit Image…');
    await workbench.quickInput.filterAndAccept(
      'black-and-white',
      { label: 'black-and-white' },
      { title: /Describe the Edit/ },
    );
    const page = await studio(session, 'photo.jpg');
    await expect
      .poll(() => text(page.locator('.edit-prompt').first()), { timeout: 60_000 })
      .toBe(
        'Convert to a rich black and white photograph with deep blacks, clean whites and good contrast.',
      );
    await workbench.screenshot('studio-preset-by-name');
    await page.locator('#viewer').press('?');
    await expect.poll(() => page.locator('#help').isVisible()).toBe(true);
    await workbench.screenshot('studio-shortcuts');
    await page.locator('#help').press('Escape');
    await expect.poll(() => page.locator('#help').isHidden()).toBe(true);
  });

  test('Re-run from History with a changed prompt asks to confirm the estimated cost first', async (session) => {
    const { workbench } = session;
    const sent = emulator.requests.length;
    await workbench.runCommand('Retouch: Show History');
    await workbench.quickInput.pick(/make it grayscale/, { title: 'Retouch: History' });
    await workbench.quickInput.pick(/Re-run This Edit/, { title: /Retouch: make it grayscale/ });
    await workbench.quickInput.answerInputBox('make it sepia', {
      title: 'Retouch: Re-run This Edit',
    });
    const state = await workbench.quickInput.waitFor({ title: /This Edit Costs about \$/ });
    expect(state.rows.map((row) => row.label).join(' ')).toMatch(/Send/);
    await workbench.screenshot('rerun-confirm-cost');
    expect(emulator.requests.length).toBe(sent);
    await workbench.quickInput.pick(/Send/, { title: /This Edit Costs/ });
    const page = await studio(session, 'photo.jpg');
    await expect
      .poll(() => text(page.locator('.edit-prompt').first()), { timeout: 60_000 })
      .toBe('make it sepia');
  });

  test('a window reload keeps every candidate', async (session) => {
    const { workbench } = session;
    let page = await studio(session, 'photo.jpg');
    const before = await candidateCount(page);
    expect(before).toBeGreaterThanOrEqual(9);
    await workbench.reloadWindow();
    page = await studio(session, 'photo.jpg');
    await expect.poll(() => candidateCount(page), { timeout: 60_000 }).toBe(before);
    await workbench.screenshot('studio-after-reload');
  });
});
