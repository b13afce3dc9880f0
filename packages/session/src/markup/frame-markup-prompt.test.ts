import { modelCapabilitiesSchema } from '@retouch/core/provider';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { frameMarkupPrompt } from './frame-markup-prompt.js';
import { markupDeliveryFor, markupEditInputs } from './markup-edit-inputs.js';

describe('markup edits', () => {
  it('send the marked-up copy alone, asking to follow the marks and leave no trace of them', () => {
    const { images, prompt } = markupEditInputs({
      instruction: ' remove this ',
      source: 'hero.png',
      markedUp: 'hero.markup-1.png',
      delivery: 'flattened',
    });
    expect(images).toEqual(['hero.markup-1.png']);
    expect(prompt).toContain('Follow them: remove this\n');
    expect(prompt).toMatch(/no trace of the marks/);
    expect(prompt).toMatch(/not part of the picture/);
  });

  it('send the source first and the marked-up copy as a reference when the model takes one', () => {
    const { images, prompt } = markupEditInputs({
      instruction: 'translate the sign to French',
      source: 'sign.png',
      markedUp: 'sign.markup-1.png',
      delivery: 'reference',
    });
    expect(images).toEqual(['sign.png', 'sign.markup-1.png']);
    expect(prompt).toMatch(/^The last image is a copy of the first/);
    expect(prompt).toContain('Follow them: translate the sign to French');
  });

  it("give the user's instruction as the only instruction verb", () => {
    // The framing must not ask for an operation itself, or it would compete with the user's.
    for (const delivery of ['flattened', 'reference'] as const) {
      const framing = frameMarkupPrompt('', delivery).toLowerCase();
      expect(framing).not.toMatch(/\b(remove|delete|erase|background|blur|invert|grayscale)\b/);
    }
  });
});

describe('markupDeliveryFor', () => {
  it('sends a separate reference only to a model that declares it and takes two images', () => {
    expect(markupDeliveryFor({ markupInput: 'reference', maxInputImages: 16 })).toBe('reference');
    expect(markupDeliveryFor({ markupInput: 'reference', maxInputImages: 1 })).toBe('flattened');
    expect(markupDeliveryFor({ markupInput: 'flattened', maxInputImages: 16 })).toBe('flattened');
    expect(markupDeliveryFor({ maxInputImages: 16 })).toBe('flattened');
  });

  it('can be declared for a custom model in configuration', () => {
    const overrides = z.partial(modelCapabilitiesSchema);
    expect(overrides.safeParse({ markupInput: 'reference' }).success).toBe(true);
    expect(overrides.safeParse({ markupInput: 'sideways' }).success).toBe(false);
  });
});
