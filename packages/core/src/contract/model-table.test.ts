import { describe, expect, it } from 'vitest';
import { modelTableEntrySchema, modelTableSchema } from './model-table.js';

const capabilities = {
  sizes: { presets: ['auto'] },
  n: { min: 1, max: 1 },
  maxImagesPerCall: 1,
  maxInputImages: 1,
  inputMediaTypes: ['image/png'],
  maxInputBytes: 1024,
  mask: false,
  outputFormats: ['png'],
  outputCompression: false,
  backgrounds: [],
  qualities: [],
  inputFidelity: false,
  streaming: false,
  maxPromptLength: 100,
};
const schema = modelTableSchema(modelTableEntrySchema);
const table = (models: unknown[]) => ({
  schemaVersion: 1,
  updated: '2026-11-23',
  sources: {
    docs: { title: 'Vendor docs', url: 'https://example.com/docs', checked: '2026-11-20' },
  },
  models,
});

describe('modelTableSchema', () => {
  it('accepts a table whose facts name its sources, and keeps lifecycle and pricing', () => {
    const parsed = schema.parse(
      table([
        {
          id: 'a',
          capabilities,
          lifecycle: { status: 'deprecated', shutdownDate: '2026-12-01', replacement: 'b' },
          facts: { 'lifecycle.shutdownDate': 'docs' },
          pricing: { currency: 'USD', billing: 'image', perImage: [{ price: 0.04 }] },
        },
      ]),
    );
    expect(parsed.models[0]).toMatchObject({
      lifecycle: { shutdownDate: '2026-12-01' },
      pricing: { currency: 'USD', billing: 'image', perImage: [{ price: 0.04 }] },
    });
  });

  it('refuses an unknown source, a duplicate id, a bad date and broken capabilities', () => {
    const result = schema.safeParse(
      table([
        { id: 'a', capabilities, facts: { capabilities: 'blog' } },
        { id: 'a', capabilities, lifecycle: { shutdownDate: '2026-13-45' } },
        { id: 'c', capabilities: { ...capabilities, n: { min: 0, max: 1 } } },
      ]),
    );
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['models.1.lifecycle.shutdownDate', 'models.2.capabilities.n.min']),
    );
  });

  it('checks sources and duplicates once the entries are well formed', () => {
    const result = schema.safeParse(
      table([
        { id: 'a', capabilities, facts: { capabilities: 'blog' } },
        { id: 'a', capabilities },
      ]),
    );
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'names the source "blog", which is not in "sources"',
      'a is listed twice',
    ]);
  });
});
