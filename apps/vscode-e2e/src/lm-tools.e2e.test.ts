import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { packFixtureExtension } from './harness/fixture-extension.js';
import { colorfulPng, grayShare, readRgba } from './harness/images.js';
import { openAICompatibleSettings } from './harness/retouch-settings.js';
import type { Session } from './harness/session.js';
import { useSession } from './harness/use-session.js';
import { vsixPath } from './harness/vsix.js';
import { waitUntil } from './harness/wait-until.js';
import { listFiles } from './harness/workspace-files.js';

/** What the test extension (fixtures/lm-tool-caller) recorded about its `vscode.lm.invokeTool` call. */
interface ToolOutcome {
  tool: string;
  input: { images: string[]; prompt: string };
  listed: string[];
  ok: boolean;
  parts?: { kind: string; value?: string }[];
  error?: { name: string; message: string };
}

function outcomeFile(session: Session): string {
  return join(
    session.profile.userDataDir,
    'User',
    'globalStorage',
    'retouch-e2e.lm-tool-caller',
    'lm-tool-result.json',
  );
}

/** Plays the agent: the test extension's command, the images and the prompt typed in. */
async function askAgentTool(session: Session, images: string, prompt: string): Promise<void> {
  rmSync(outcomeFile(session), { force: true });
  const { workbench } = session;
  await workbench.runCommand('Retouch e2e: Ask Agent Tool to Edit Image…');
  await workbench.quickInput.answerInputBox(images, { title: 'Agent: Images to Edit' });
  await workbench.quickInput.answerInputBox(prompt, { title: 'Agent: Prompt' });
}

async function toolOutcome(session: Session): Promise<ToolOutcome> {
  const file = outcomeFile(session);
  await waitUntil(
    async () => existsSync(file),
    () => 'The test extension never recorded what the tool returned.',
    { timeout: 90_000, interval: 200 },
  );
  return JSON.parse(readFileSync(file, 'utf8')) as ToolOutcome;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** The Studio's page for `name`, once it has drawn its image. */
async function studio(session: Session, name: string): Promise<FrameLocator> {
  const { workbench } = session;
  await workbench.waitForTab(name);
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

describe('Language-model tools: an agent edits an image through vscode.lm.invokeTool', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'lm-tools',
    vsix: vsixPath(),
    extraVsix: [await packFixtureExtension('lm-tool-caller')],
    userSettings: openAICompatibleSettings(emulator.url, {
      'retouch.results': 'studio',
      // The tool's own confirmation carries the estimate; the edit does not ask a second time.
      'retouch.confirmCostAbove': 5,
    }),
    files: { 'hero.png': await colorfulPng(96, 64) },
  }));

  test('the confirmation names the image, the model and the cost; the result is a Studio candidate', async (session) => {
    const { workbench, workspaceDir } = session;
    await askAgentTool(session, 'hero.png', 'make it grayscale');

    // No chat here: the workbench shows prepareInvocation's confirmation as a modal dialog.
    const dialog = await workbench.dialogs.waitFor(/Retouch: Edit an image/, 60_000);
    const { message, detail } = await workbench.dialogs.read(dialog);
    await workbench.screenshot('tool-confirmation');
    expect(message).toBe('Retouch: Edit an image');
    expect(detail).toEqual([
      'Images: hero.png',
      'Prompt: make it grayscale',
      'Model: GPT Image 1',
      expect.stringMatching(/^Estimated cost: ≈ \$\d+\.\d{2} \(estimate\)$/),
    ]);
    expect(await workbench.dialogs.buttons(dialog)).toEqual(['Cancel', 'Yes']);
    // Nothing is sent while the user reads it.
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(0);
    await workbench.dialogs.clickButton(/Retouch: Edit an image/, 'Yes');

    const outcome = await toolOutcome(session);
    expect(outcome.ok).toBe(true);
    expect(outcome.listed).toEqual(
      expect.arrayContaining(['retouch_editImage', 'retouch_editEach', 'retouch_estimateCost']),
    );
    expect(outcome.parts?.[0]?.kind).toBe('text');
    expect(outcome.parts?.[0]?.value).toMatch(/^Wrote .+ with gpt-image-1/);
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(1);

    // The Studio shows the candidate, the edit's prompt beside it.
    const page = await studio(session, 'hero.png');
    await expect.poll(() => page.locator('#grid [data-id]').count(), { timeout: 60_000 }).toBe(1);
    await expect
      .poll(() => page.locator('#after').evaluate((img) => (img as HTMLImageElement).naturalWidth))
      // gpt-image-1 answers a 3:2 image at 1536×1024.
      .toBe(1536);
    expect(((await page.locator('#detail-prompt').textContent()) ?? '').trim()).toBe(
      'make it grayscale',
    );
    await workbench.notifications.waitFor(/Agent tool answered: Wrote/);
    await workbench.screenshot('studio-shows-candidate');

    // A candidate, not a file beside the image: it is kept in the Studio's store, and gray.
    expect(listFiles(workspaceDir)).toEqual(['.retouch', 'hero.png']);
    const candidates = filesUnder(join(workspaceDir, '.retouch', 'candidates')).filter((file) =>
      file.endsWith('.png'),
    );
    expect(candidates).toHaveLength(1);
    const image = await readRgba(join(workspaceDir, '.retouch', 'candidates', candidates[0]!));
    expect(grayShare(image)).toBeGreaterThan(0.99);
  });

  test('Cancel in the confirmation: the agent is told, nothing is sent', async (session) => {
    const { workbench } = session;
    const sent = emulator.requests.length;
    await askAgentTool(session, 'hero.png', 'make it sepia');
    await workbench.dialogs.waitFor(/Prompt: make it sepia/, 60_000);
    await workbench.dialogs.clickButton(/Prompt: make it sepia/, 'Cancel');
    const outcome = await toolOutcome(session);
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.name).toBe('Canceled');
    await workbench.notifications.waitFor(/Agent tool failed: Canceled/);
    await workbench.screenshot('cancelled');
    expect(emulator.requests.slice(sent)).toEqual([]);
  });
});

describe('Language-model tools in Restricted Mode: refused, with nothing sent', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const { test } = useSession(async () => ({
    name: 'lm-tools-restricted',
    vsix: vsixPath(),
    extraVsix: [await packFixtureExtension('lm-tool-caller')],
    // Workspace trust stays on: the folder opens in Restricted Mode.
    workspaceTrust: true,
    userSettings: openAICompatibleSettings(emulator.url, { 'retouch.results': 'studio' }),
    files: { 'hero.png': await colorfulPng(96, 64) },
  }));

  test('the tool refuses before any confirmation; the agent is told to trust the workspace', async (session) => {
    const { workbench, workspaceDir } = session;
    await workbench.statusBarItem('Restricted Mode').waitFor({ timeout: 30_000 });
    await askAgentTool(session, 'hero.png', 'make it grayscale');
    const outcome = await toolOutcome(session);
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.message).toMatch(
      /Retouch image tools are unavailable in Restricted Mode: trust this workspace/,
    );
    await workbench.notifications.waitFor(/Agent tool failed: .*unavailable in Restricted Mode/);
    await workbench.screenshot('restricted-mode-refused');
    expect(await workbench.dialogs.texts()).toEqual([]);
    expect(emulator.requests).toEqual([]);
    expect(listFiles(workspaceDir)).toEqual(['hero.png']);
  });
});
