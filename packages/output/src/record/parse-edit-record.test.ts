import { describe, expect, it } from 'vitest';
import type { EditRecord } from './edit-record.js';
import { parseEditRecord, parseEditRecordText } from './parse-edit-record.js';

/** A sidecar exactly as `retouch edit` wrote it before @retouch/output. */
const cliV1 = {
  schema: 'retouch.edit/v1',
  createdAt: '2025-06-01T12:00:00.000Z',
  tool: { name: '@retouch/cli', version: '0.1.0' },
  prompt: 'a stormy sky',
  provider: 'openai-compatible',
  model: 'gpt-image-1',
  endpoint: 'https://api.openai.com/v1',
  options: { n: 2, partialImages: 1 },
  sources: [
    { role: 'image', file: 'photo.png', sha256: '9c'.repeat(32) },
    { role: 'mask', file: 'sky.png', sha256: '51'.repeat(32) },
  ],
  output: {
    file: 'photo.retouch-2.png',
    index: 1,
    mediaType: 'image/png',
    width: 1024,
    height: 1024,
    sha256: '8a'.repeat(32),
  },
  requestId: 'req_1',
  requestIds: ['req_1', 'req_2'],
  usage: { inputTokens: 312, outputTokens: 4160, totalTokens: 4472 },
  warnings: [{ type: 'unsupported-option', option: 'quality', message: 'quality is ignored' }],
};

/** A sidecar exactly as the extension wrote it before @retouch/output. */
const extensionV1 = {
  tool: 'retouch',
  version: 1,
  createdAt: '2025-01-02T03:04:05.000Z',
  prompt: 'remove the background',
  revisedPrompt: 'Remove the background entirely',
  provider: 'openai-compatible',
  model: 'gpt-image-1',
  options: { n: 1, size: '1024x1024', quality: 'high', partialImages: 2 },
  sources: [{ path: '../img/hero.png', sha256: 'ab'.repeat(32) }],
  result: { path: 'hero.retouch-1.png', mediaType: 'image/png', width: 1024, height: 1024 },
  requestId: 'req_123',
  warnings: ['background is ignored'],
};

describe('parseEditRecord', () => {
  it("reads the CLI's old sidecars in the current shape", () => {
    expect(parseEditRecord(cliV1)).toEqual({
      schema: 'retouch.edit/v2',
      editId: 'cli-v1:req_1,req_2',
      createdAt: '2025-06-01T12:00:00.000Z',
      tool: { name: '@retouch/cli', version: '0.1.0' },
      prompt: 'a stormy sky',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      endpoint: 'https://api.openai.com/v1',
      options: { n: 2 },
      sources: [{ path: 'photo.png', sha256: '9c'.repeat(32) }],
      mask: { path: 'sky.png', sha256: '51'.repeat(32) },
      output: {
        file: 'photo.retouch-2.png',
        index: 1,
        mediaType: 'image/png',
        width: 1024,
        height: 1024,
      },
      requestIds: ['req_1', 'req_2'],
      usage: { inputTokens: 312, outputTokens: 4160, totalTokens: 4472 },
      warnings: [{ type: 'unsupported-option', message: 'quality is ignored' }],
    } satisfies EditRecord);
  });

  it("reads the extension's old sidecars in the current shape", () => {
    expect(parseEditRecord(extensionV1)).toMatchObject({
      schema: 'retouch.edit/v2',
      prompt: 'remove the background',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      options: { n: 1, size: '1024x1024', quality: 'high' },
      sources: [{ path: '../img/hero.png', sha256: 'ab'.repeat(32) }],
      output: {
        file: 'hero.retouch-1.png',
        mediaType: 'image/png',
        width: 1024,
        height: 1024,
        revisedPrompt: 'Remove the background entirely',
      },
      requestIds: ['req_123'],
      warnings: [{ type: 'other', message: 'background is ignored' }],
    });
    // Sidecars of one old edit share their createdAt and request id, and so group together.
    expect(
      parseEditRecord({ ...extensionV1, result: { ...extensionV1.result, path: 'x' } })?.editId,
    ).toBe(parseEditRecord(extensionV1)?.editId);
  });

  it('keeps fields a later version adds, and drops options of the wrong type', () => {
    const current = {
      ...parseEditRecord(cliV1)!,
      options: { n: 'two', size: '1024x1024', apiKey: 'sk-nope' },
      colourProfile: 'sRGB',
    };
    const parsed = parseEditRecord(JSON.parse(JSON.stringify(current)));
    expect(parsed?.options).toEqual({ size: '1024x1024' });
    expect((parsed as unknown as { colourProfile: string }).colourProfile).toBe('sRGB');
  });

  it('reads what an edit cost, and drops a cost it cannot trust rather than the record', () => {
    const base = parseEditRecord(cliV1)!;
    const cost = {
      kind: 'actual',
      amount: 0.0421,
      currency: 'USD',
      basis: 'usage',
      pricesChecked: '2026-11-23',
    };
    expect(parseEditRecord({ ...base, cost })?.cost).toEqual(cost);
    const unknown = {
      kind: 'unknown',
      reason: 'no usage',
      estimate: { amount: 0.04, currency: 'USD' },
    };
    expect(parseEditRecord({ ...base, cost: unknown })?.cost).toEqual(unknown);
    const forged = parseEditRecord({
      ...base,
      cost: { kind: 'actual', amount: -5, currency: 'USD' },
    });
    expect(forged?.prompt).toBe(base.prompt);
    expect(forged).not.toHaveProperty('cost');
  });

  it('reads an edit explained with marks, and one whose markup is broken as one without', () => {
    const markup = {
      path: 'photo.markup-1.png',
      sha256: 'cd'.repeat(32),
      delivery: 'flattened',
      sentPrompt: 'Follow them: remove this',
    };
    const marked = { ...parseEditRecord(cliV1)!, markup };
    expect(parseEditRecord(JSON.parse(JSON.stringify(marked)))?.markup).toEqual(markup);
    const broken = parseEditRecord({ ...marked, markup: { ...markup, delivery: 'sideways' } });
    expect(broken?.prompt).toBe('a stormy sky');
    expect(broken).not.toHaveProperty('markup');
  });

  it('refuses anything that is not a record, and oversized text, without throwing', () => {
    expect(parseEditRecord({ prompt: 'x' })).toBeUndefined();
    expect(parseEditRecord(null)).toBeUndefined();
    expect(parseEditRecord({ ...cliV1, prompt: 'x'.repeat(200_000) })).toBeUndefined();
    expect(parseEditRecordText('{not json')).toBeUndefined();
    expect(parseEditRecordText(`"${'x'.repeat(1_100_000)}"`)).toBeUndefined();
  });
});
