import type { ModelCapabilities } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import type { OptionDefaults } from '../host/settings.js';
import {
  buildOptionSteps,
  checkCustomSize,
  defaultOptions,
  presetOptionsLeftOut,
  withPresetDefaults,
} from './option-steps.js';

const gptImage: ModelCapabilities = {
  sizes: { presets: ['auto', '1024x1024', '1536x1024', '1024x1536'] },
  n: { min: 1, max: 10 },
  maxImagesPerCall: 10,
  maxInputImages: 16,
  inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
  maxInputBytes: 50 * 1024 * 1024,
  mask: true,
  outputFormats: ['png', 'jpeg', 'webp'],
  outputCompression: true,
  backgrounds: ['auto', 'transparent', 'opaque'],
  qualities: ['auto', 'low', 'medium', 'high'],
  inputFidelity: true,
  streaming: { partialImages: 3 },
  maxPromptLength: 32000,
};

const dallE2: ModelCapabilities = {
  ...gptImage,
  sizes: { presets: ['256x256', '512x512', '1024x1024'] },
  outputFormats: ['png'],
  outputCompression: false,
  backgrounds: [],
  qualities: ['standard'],
  inputFidelity: false,
  streaming: false,
};

const noDefaults: OptionDefaults = {
  size: '',
  quality: '',
  n: 1,
  outputFormat: '',
  background: '',
  inputFidelity: '',
};

describe('buildOptionSteps', () => {
  it('asks for every option a GPT image model supports, in a fixed order', () => {
    const steps = buildOptionSteps(gptImage, noDefaults);
    expect(steps.map((step) => step.key)).toEqual([
      'size',
      'quality',
      'n',
      'outputFormat',
      'background',
      'inputFidelity',
    ]);
    // "auto" is what leaving the option out means: one choice, not "Model default" beside it.
    expect(steps[0]!.choices.map((choice) => choice.label)).toEqual([
      'auto',
      '1024x1024',
      '1536x1024',
      '1024x1536',
    ]);
    expect(steps[0]!.choices[0]!.value).toBeUndefined();
    expect(steps.find((step) => step.key === 'inputFidelity')!.choices[0]!.label).toBe(
      'Model default',
    );
    const format = steps.find((step) => step.key === 'outputFormat')!;
    expect(format.choices.map((choice) => choice.label)).toEqual([
      'Same as the source',
      'png',
      'jpeg',
      'webp',
    ]);
    expect(format.choices[format.defaultIndex]!.value).toBeUndefined();
  });

  it('skips options the model does not offer or offers only one way (dall-e-2)', () => {
    const steps = buildOptionSteps(dallE2, noDefaults);
    expect(steps.map((step) => step.key)).toEqual(['size', 'n']);
  });

  it('preselects the settings defaults the model supports and ignores the ones it does not', () => {
    const steps = buildOptionSteps(dallE2, {
      ...noDefaults,
      size: '512x512',
      quality: 'high',
      n: 3,
      background: 'transparent',
    });
    expect(defaultOptions(steps)).toEqual({ size: '512x512', n: 3 });

    const unsupported = buildOptionSteps(gptImage, {
      ...noDefaults,
      size: '333x333',
      quality: 'ultra',
    });
    expect(defaultOptions(unsupported)).toEqual({ n: 1 });
  });

  it('takes a settings default of "auto" as leaving the option to the model', () => {
    const steps = buildOptionSteps(gptImage, { ...noDefaults, quality: 'auto', size: '1024x1024' });
    const quality = steps.find((step) => step.key === 'quality')!;
    expect(quality.choices[quality.defaultIndex]!.label).toBe('auto');
    expect(defaultOptions(steps)).toEqual({ size: '1024x1024', n: 1 });
  });

  it('offers n from the model range, starting at its minimum', () => {
    const steps = buildOptionSteps({ ...gptImage, n: { min: 1, max: 4 } }, { ...noDefaults, n: 9 });
    const n = steps.find((step) => step.key === 'n')!;
    expect(n.choices.map((choice) => choice.value)).toEqual([1, 2, 3, 4]);
    expect(n.choices[n.defaultIndex]!.value).toBe(1);
    expect(
      buildOptionSteps({ ...gptImage, n: { min: 1, max: 1 } }, noDefaults).some(
        (s) => s.key === 'n',
      ),
    ).toBe(false);
  });

  it('marks free-form sizes and checks them against the rule', () => {
    const rule = { multipleOf: 16, maxAspectRatio: 3, maxEdge: 3840 };
    const steps = buildOptionSteps(
      { ...gptImage, sizes: { presets: ['auto'], custom: rule } },
      noDefaults,
    );
    expect(steps[0]!.customSize).toEqual(rule);
    expect(checkCustomSize('1536x1024', rule)).toBeUndefined();
    expect(checkCustomSize('1000x1000', rule)).toMatch(/multiples of 16/);
    expect(checkCustomSize('4000x1008', rule)).toMatch(/at most 3840/);
    expect(checkCustomSize('3200x1024', rule)).toMatch(/aspect ratio/);
    expect(checkCustomSize('big', rule)).toMatch(/WIDTHxHEIGHT/);
  });
});

describe('preset options in the option steps', () => {
  const settings: OptionDefaults = { ...noDefaults, outputFormat: 'jpeg', quality: 'low' };
  const preset = { background: 'transparent', outputFormat: 'png' } as const;

  it("preselect the preset's values over the settings defaults", () => {
    const steps = buildOptionSteps(gptImage, withPresetDefaults(settings, preset));
    expect(defaultOptions(steps)).toEqual({
      quality: 'low',
      n: 1,
      outputFormat: 'png',
      background: 'transparent',
    });
    expect(presetOptionsLeftOut(gptImage, steps, preset)).toEqual([]);
  });

  it('leave out what the model cannot take, and say which', () => {
    const steps = buildOptionSteps(dallE2, withPresetDefaults(noDefaults, preset));
    expect(defaultOptions(steps)).toEqual({ n: 1 });
    // dall-e-2 only makes PNGs, so that part of the preset is what it does anyway.
    expect(presetOptionsLeftOut(dallE2, steps, preset)).toEqual(['background transparent']);
    expect(
      presetOptionsLeftOut(dallE2, steps, { outputFormat: 'webp', outputCompression: 80 }),
    ).toEqual(['outputFormat webp', 'outputCompression 80']);
  });

  it('offer a free size from a preset when the model accepts it', () => {
    const rule = { multipleOf: 16, maxEdge: 3840 };
    const caps = { ...gptImage, sizes: { presets: ['auto', '1024x1024'], custom: rule } };
    const steps = buildOptionSteps(caps, withPresetDefaults(noDefaults, { size: '1536x640' }));
    expect(defaultOptions(steps)).toMatchObject({ size: '1536x640' });
    const odd = buildOptionSteps(caps, withPresetDefaults(noDefaults, { size: '1000x1000' }));
    expect(defaultOptions(odd).size).toBeUndefined();
  });
});
