import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readOutputRecord } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, pixelAt, readPixels, writeSolidPng } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'sk-test-cli-chat-51f0e2';

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  await writeSolidPng(join(dir, 'red.png'), [220, 30, 30]);
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const chatRoutes = () =>
  emulator.requests.filter((request) => request.route === 'chat.completions');
const twoInputsAndMask = ['edit', 'photo.png', 'red.png', '--mask', 'mask.png'];

describe('retouch edit --wire chat (built CLI against the emulator)', () => {
  it('edits two inputs under a mask through chat completions and writes the image', async () => {
    const run = await runCli(
      [...twoInputsAndMask, '--prompt', 'invert the sky', '--wire', 'chat'],
      { cwd: dir, env: env() },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, model: 'gpt-image-2' });
    expect(out.outputs).toHaveLength(1);
    const pixels = await readPixels(out.outputs[0].path);
    // The right half is red.png: inverted where the mask is clear (the top), kept below.
    expect(pixelAt(pixels, 400, 60)).toEqual([35, 225, 225]);
    expect(pixelAt(pixels, 400, 450)).toEqual([220, 30, 30]);
    expect(chatRoutes()).toHaveLength(1);
    expect(emulator.requests.some((request) => request.route === 'images.edits')).toBe(false);
    // What the model said is kept with the result, as its revised prompt.
    const found = await readOutputRecord(nodeOutputFileSystem, out.outputs[0].path);
    expect(found?.record.output.revisedPrompt).toBe(
      'Here is the edited image: I inverted the colours.',
    );
  });

  it('does the same when the gateway writes the image as markdown in the content', async () => {
    const run = await runCli(
      [
        ...twoInputsAndMask,
        '--prompt',
        'invert the sky',
        '--wire',
        'chat',
        '--model',
        'retouch-emulator/chat-image-markdown',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    const pixels = await readPixels(out.outputs[0].path);
    expect(pixelAt(pixels, 400, 60)).toEqual([35, 225, 225]);
    expect(pixelAt(pixels, 400, 450)).toEqual([220, 30, 30]);
    expect(out.warnings).toEqual([expect.objectContaining({ type: 'unknown-model' })]);
  });

  it('exits with invalid_response and shows the model’s text when it answers with words only', async () => {
    const run = await runCli(
      [
        'edit',
        'photo.png',
        '--prompt',
        'invert',
        '--wire',
        'chat',
        '--model',
        'retouch-emulator/chat-text-only',
      ],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(7);
    const { error } = parseJsonOutput(run.stderr);
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain(
      'The model said: "I can\'t edit this image: this is a text-only model',
    );
    expect(run.stdout).toBe('');
    // No result came back, so nothing was written.
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((name) => name.includes('.retouch-'))).toEqual([]);
  });

  it('streams with --partials and still writes the final image', async () => {
    const run = await runCli(
      ['edit', 'photo.png', '--prompt', 'sepia', '--wire', 'chat', '--partials', '1'],
      { cwd: dir, env: env() },
    );
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out.outputs).toHaveLength(1);
    expect(chatRoutes()[0]?.headers.accept).toContain('text/event-stream');
  });

  it('refuses --wire for a provider with a single wire, and a wire that does not exist', async () => {
    const queue = await runCli(
      ['edit', 'photo.png', '-p', 'x', '--provider', 'queue', '--wire', 'chat'],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(queue.code).toBe(2);
    expect(parseJsonOutput(queue.stderr).error.message).toMatch(
      /--wire applies to the openai-compatible provider only/,
    );
    const bogus = await runCli(['edit', 'photo.png', '-p', 'x', '--wire', 'smoke'], {
      cwd: dir,
      env: env(),
    });
    expect(bogus.code).toBe(2);
    expect(emulator.requests).toEqual([]);
  });

  it('warns about a model past its shutdown date', async () => {
    await writeSolidPng(join(dir, 'square.png'), [10, 200, 10]);
    const run = await runCli(['edit', 'square.png', '--prompt', 'invert', '--model', 'dall-e-2'], {
      cwd: dir,
      env: env(),
    });
    expect(run.code).toBe(0);
    expect(parseJsonOutput(run.stdout).warnings[0]).toMatchObject({
      type: 'model-lifecycle',
      model: 'dall-e-2',
      shutdownDate: '2026-05-12',
    });
  });
});
