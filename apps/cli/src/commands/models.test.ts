import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

let cwd: string;
let emulator: Emulator;
const key = 'sk-test-cli-models-0a9b';
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'retouch-models-'));
  emulator = await startEmulator({
    apiKey: key,
    log: () => {},
    models: [{ id: 'gateway/retired-image', shutdown_date: '2025-02-01' }],
  });
});
afterAll(async () => {
  await emulator.close();
  await rm(cwd, { recursive: true, force: true });
});
const emulatorEnv = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
type Listed = { id: string; wire?: string; lifecycle?: { shutdownDate?: string } };

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
    expect(parseJsonOutput(run.stderr).error.message).toMatch(/openai-compatible, queue or google/);
  });

  it('prints the built-in table with wires and lifecycle, without asking any server', async () => {
    const run = await runCli(['models', '--json'], { cwd });
    const out = parseJsonOutput(run.stdout);
    expect(out.server).toMatchObject({ status: 'not-asked' });
    const byId = new Map<string, Listed>(out.models.map((m: Listed) => [m.id, m]));
    expect(out.models[0].id).toBe('gpt-image-2');
    expect(byId.get('gpt-image-2')?.wire).toBe('images');
    expect(byId.get('google/gemini-2.5-flash-image')?.wire).toBe('chat');
    expect(byId.get('dall-e-2')?.lifecycle?.shutdownDate).toBe('2026-05-12');
  });

  it('merges the server’s list, with its shutdown dates and its chat image models', async () => {
    const run = await runCli(['models', '--json'], { cwd, env: emulatorEnv() });
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.server).toEqual({ status: 'merged' });
    const byId = new Map<string, Listed>(out.models.map((m: Listed) => [m.id, m]));
    expect(byId.get('gateway/retired-image')?.lifecycle?.shutdownDate).toBe('2025-02-01');
    expect(byId.get('retouch-emulator/chat-image')?.wire).toBe('chat');
  });

  it('moves every model to chat with --wire chat, and --offline asks no server', async () => {
    const before = emulator.requests.length;
    const run = await runCli(['models', '--offline', '--wire', 'chat'], {
      cwd,
      env: emulatorEnv(),
    });
    expect(emulator.requests.length).toBe(before);
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.models.every((m: Listed) => m.wire === 'chat')).toBe(true);
    expect(out.server.status).toBe('not-asked');
  });

  it('still lists the built-in models when the server cannot list its own, and says why', async () => {
    emulator.setFaults([{ route: 'models', status: 500, times: 1 }]);
    const run = await runCli(['models', '--json'], { cwd, env: emulatorEnv() });
    emulator.clearFaults();
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.server.status).toBe('unavailable');
    expect(out.server.message).toContain('HTTP 500');
    expect(out.models.map((m: Listed) => m.id)).toContain('gpt-image-2');
  });
});
