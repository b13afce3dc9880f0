import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'retouch-models-'));
});
afterAll(() => rm(cwd, { recursive: true, force: true }));

describe('retouch models (built CLI)', () => {
  it('lists the OpenAI-compatible models with their capabilities, without needing a key', async () => {
    const run = await runCli(['models', '--json'], { cwd });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.provider).toBe('openai-compatible');
    const gptImage1 = out.models.find((m: { id: string }) => m.id === 'gpt-image-1');
    expect(gptImage1.capabilities).toMatchObject({
      mask: true,
      outputFormats: ['png', 'jpeg', 'webp'],
    });
    expect(out.models.map((m: { id: string }) => m.id)).toContain('dall-e-2');
  });

  it('lists the queue models for --provider queue', async () => {
    const run = await runCli(['models', '--provider', 'queue', '--json'], { cwd });
    expect(run.code).toBe(0);
    expect(parseJsonOutput(run.stdout).models.map((m: { id: string }) => m.id)).toContain(
      'fal-ai/flux-pro/kontext',
    );
  });

  it('refuses an unknown provider name with a hint', async () => {
    const run = await runCli(['models', '--provider', 'Nope Nope'], { cwd });
    expect(run.code).toBe(2);
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/openai-compatible or queue/);
  });
});
