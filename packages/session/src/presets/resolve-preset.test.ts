import { describe, expect, it } from 'vitest';
import { builtInPresets } from './built-in-presets.js';
import {
  applyPreset,
  describePresetOptions,
  listPresets,
  parseUserPresets,
  resolvePreset,
} from './resolve-preset.js';

describe('built-in presets', () => {
  it('cover the common edits, each with a prompt and a short description', () => {
    const names = builtInPresets.map((preset) => preset.name);
    expect(names).toEqual(
      expect.arrayContaining(['remove-background', 'product-shot-white', 'fix-lighting']),
    );
    for (const preset of builtInPresets) {
      expect(preset.prompt.length).toBeGreaterThan(20);
      expect(preset.description).toBeTruthy();
    }
    expect(resolvePreset('remove-background')?.options).toEqual({
      background: 'transparent',
      outputFormat: 'png',
    });
  });
});

describe('resolvePreset', () => {
  it('finds a preset whatever the case, spaces, hyphens or underscores', () => {
    for (const typed of ['fix-lighting', 'Fix Lighting', 'FIX_lighting', '  fix  lighting ']) {
      expect(resolvePreset(typed)?.name).toBe('fix-lighting');
    }
    expect(resolvePreset('fix-lightning')).toBeUndefined();
  });

  it("prefers the user's own preset over a built-in one of the same name", () => {
    const own = { name: 'Fix lighting', prompt: 'brighten the shadows only' };
    expect(resolvePreset('fix-lighting', [own])).toEqual({ ...own, source: 'user' });
    const listed = listPresets([own]);
    expect(listed[0]).toEqual({ ...own, source: 'user' });
    expect(listed.filter((preset) => preset.name === 'fix-lighting')).toEqual([]);
    expect(listed.length).toBe(builtInPresets.length);
  });
});

describe('applyPreset', () => {
  const preset = {
    name: 'web-sepia',
    prompt: 'sepia tone',
    options: { outputFormat: 'webp' as const, background: 'opaque' as const },
  };

  it("sends the preset's prompt and options when the user chose nothing else", () => {
    expect(applyPreset(preset)).toEqual({
      prompt: 'sepia tone',
      options: { outputFormat: 'webp', background: 'opaque' },
    });
  });

  it("lets the user's own choices override the preset's, and ignores unset ones", () => {
    const applied = applyPreset(preset, {
      prompt: '  ',
      options: { outputFormat: 'jpeg', background: undefined, n: 2 },
    });
    expect(applied).toEqual({
      prompt: 'sepia tone',
      options: { outputFormat: 'jpeg', background: 'opaque', n: 2 },
    });
    expect(applyPreset(preset, { prompt: 'warmer sepia' }).prompt).toBe('warmer sepia');
  });

  it('describes the options in a few words', () => {
    expect(describePresetOptions(preset.options)).toBe('format webp, background opaque');
    expect(describePresetOptions(undefined)).toBe('');
  });
});

describe('parseUserPresets', () => {
  it('keeps the valid presets and names each one it left out, and why', () => {
    const { presets, problems } = parseUserPresets([
      { name: 'banner', prompt: 'widen to a banner', options: { size: '1536x1024' } },
      { name: 'typo', prompt: 'x', options: { format: 'png' } },
      { name: 'no prompt' },
      { name: 'Banner', prompt: 'again' },
      'just a string',
    ]);
    expect(presets).toEqual([
      { name: 'banner', prompt: 'widen to a banner', options: { size: '1536x1024' } },
    ]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/preset 2 \("typo"\).*format/);
    expect(problems[1]).toMatch(/preset 3 \("no prompt"\).*prompt/);
    expect(problems[2]).toMatch(/preset 4 \("Banner"\).*same name/);
    expect(problems[3]).toMatch(/^preset 5 was left out/);
  });

  it('accepts nothing as no presets and refuses a value that is not a list', () => {
    expect(parseUserPresets(undefined)).toEqual({ presets: [], problems: [] });
    expect(parseUserPresets({ name: 'x' }).problems).toEqual([
      'presets must be a list of { name, prompt, options? }',
    ]);
  });

  it('refuses options outside what any model takes', () => {
    const { problems } = parseUserPresets([
      { name: 'a', prompt: 'p', options: { background: 'see-through' } },
      { name: 'b', prompt: 'p', options: { n: 0 } },
    ]);
    expect(problems).toHaveLength(2);
  });
});
