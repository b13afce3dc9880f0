import { estimateEditCost } from '@retouch/core/cost';
import { describe, expect, it } from 'vitest';
import { googleModelDataSchema, knownGoogleModels } from './google-models.js';
import { aspectRatios, imageConfigFor } from './image-config.js';
import builtInModelData from './models/google-models.json' with { type: 'json' };

describe('the Gemini model table', () => {
  it('is valid data with a source for every fact and a price for every model', () => {
    expect(googleModelDataSchema.safeParse(builtInModelData).success).toBe(true);
    for (const model of knownGoogleModels) {
      expect(model.pricing?.source?.url, model.id).toMatch(/^https:\/\/ai\.google\.dev\//);
    }
  });

  it('lists only sizes that are an aspect ratio Gemini takes, within 3% (Google rounds to multiples of 16 or 32), at 1K, 2K or 4K', () => {
    for (const model of knownGoogleModels) {
      for (const size of model.capabilities.sizes.presets.filter((s) => s !== 'auto')) {
        const config = imageConfigFor(size)!;
        const [w, h] = size.split('x').map(Number) as [number, number];
        const [rw, rh] = config.aspectRatio.split(':').map(Number) as [number, number];
        expect(Math.abs(w / h / (rw / rh) - 1), `${model.id} ${size}`).toBeLessThan(0.03);
      }
      const ratios = new Set(
        model.capabilities.sizes.presets
          .filter((s) => s !== 'auto')
          .map((s) => imageConfigFor(s)!.aspectRatio),
      );
      expect([...ratios].sort()).toEqual([...aspectRatios].sort());
    }
  });

  it('prices a 4K Pro image above a 2K one, and the previews point to their replacements', () => {
    const pro = knownGoogleModels.find((m) => m.id === 'gemini-3-pro-image')!;
    const at = (size: string) => estimateEditCost({ model: pro.id, pricing: pro.pricing, size });
    expect(at('5504x3072')).toMatchObject({ kind: 'estimate', amount: 0.24 });
    expect(at('2752x1536')).toMatchObject({ kind: 'estimate', amount: 0.134 });
    const preview = knownGoogleModels.find((m) => m.id === 'gemini-3-pro-image-preview')!;
    expect(preview.lifecycle).toMatchObject({ shutdownDate: '2026-06-25', replacement: pro.id });
  });
});
