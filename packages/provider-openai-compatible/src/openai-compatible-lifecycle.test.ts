import { type EditProgressEvent, editImage } from '@retouch/core';
import type { Emulator } from 'retouch-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { providerFor, startTestEmulator } from './__fixtures__/emulator-fixture.js';
import { rejection } from './__fixtures__/rejection.js';
import { solidPng } from './__fixtures__/test-images.js';

let emulator: Emulator;
let red: Buffer;

beforeAll(async () => {
  emulator = await startTestEmulator({
    models: [
      { id: 'gateway/retired-image', shutdown_date: '2025-01-31' },
      { id: 'text-embedding-9', shutdown_date: '2025-01-31' },
    ],
  });
  red = await solidPng(64, 64);
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe('model lifecycle', () => {
  it('warns about a model past its shutdown date before any request reaches the server', async () => {
    const seenAtWarning: number[] = [];
    const events: EditProgressEvent[] = [];
    const result = await editImage({
      provider: providerFor(emulator),
      model: 'dall-e-2',
      prompt: 'invert',
      images: await solidPng(64, 64),
      onProgress: (event) => {
        events.push(event);
        if (event.type === 'warning') seenAtWarning.push(emulator.requests.length);
      },
    });
    expect(seenAtWarning).toEqual([0]);
    expect(events[0]).toEqual({
      type: 'warning',
      warning: {
        type: 'model-lifecycle',
        model: 'dall-e-2',
        shutdownDate: '2026-05-12',
        replacement: 'gpt-image-2',
        message:
          'dall-e-2 was shut down on 2026-05-12, so the server will probably refuse it. Use gpt-image-2 instead.',
      },
    });
    // The emulator still serves it, as a gateway may: the edit goes ahead.
    expect(result.images).toHaveLength(1);
  });

  it('warns about a shutdown declared in configuration', async () => {
    const provider = providerFor(emulator, {
      models: [{ id: 'gpt-image-2', lifecycle: { shutdownDate: '2024-06-30' } }],
    });
    const result = await editImage({ provider, model: 'gpt-image-2', prompt: 'blur', images: red });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ type: 'model-lifecycle', shutdownDate: '2024-06-30' }),
    );
  });
});

describe('listModels (GET /models)', () => {
  it('merges the server’s list: lifecycle for known models, its image models added, others left out', async () => {
    const provider = providerFor(emulator);
    expect(provider.models.some((model) => model.id === 'gateway/retired-image')).toBe(false);
    const models = await provider.listModels!();
    const byId = new Map(models.map((model) => [model.id, model]));
    expect(byId.get('gateway/retired-image')?.lifecycle).toEqual({ shutdownDate: '2025-01-31' });
    expect(byId.get('retouch-emulator/chat-image')?.wire).toBe('chat');
    expect(byId.get('gpt-image-1.5')?.lifecycle?.shutdownDate).toBe('2026-12-01');
    expect(byId.has('text-embedding-9')).toBe(false);
    expect(emulator.requests.map((request) => request.route)).toEqual(['models']);
    // Afterwards the provider knows, so an edit warns before sending.
    expect(provider.models.map((model) => model.id)).toContain('gateway/retired-image');
    const result = await editImage({
      provider,
      model: 'gateway/retired-image',
      prompt: 'invert',
      images: red,
    });
    expect(result.warnings.map((warning) => warning.type)).toEqual(['model-lifecycle']);
  });

  it('reports a server that cannot list models as a typed error', async () => {
    emulator.setFaults([{ route: 'models', status: 401 }]);
    const error = await rejection(providerFor(emulator).listModels!());
    expect(error.code).toBe('authentication');
  });
});

describe('listModels against a hostile list', () => {
  it('skips ids that would put control characters on a screen', async () => {
    const hostile = await startTestEmulator({
      models: [
        { id: 'evil-image\u001b[2J', shutdown_date: '2025-01-01' },
        { id: 'fine-image', shutdown_date: 'not a date' },
      ],
    });
    try {
      const models = await providerFor(hostile).listModels!();
      const ids = models.map((model) => model.id);
      expect(ids.some((id) => id.includes('\u001b'))).toBe(false);
      expect(models.find((model) => model.id === 'fine-image')?.lifecycle).toBeUndefined();
    } finally {
      await hostile.close();
    }
  });
});
