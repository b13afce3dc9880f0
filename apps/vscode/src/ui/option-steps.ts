import type { EditImageOptions, ModelCapabilities } from '@retouch/core';
import type { CustomSizeRule } from '@retouch/core/provider';
import type { PresetOptions } from '@retouch/session';
import type { OptionDefaults } from '../host/settings.js';

export type OptionKey = 'size' | 'quality' | 'n' | 'outputFormat' | 'background' | 'inputFidelity';

export interface OptionChoice {
  label: string;
  /** Undefined: leave the option out and let the model decide. */
  value: string | number | undefined;
  description?: string;
}

/** One quick pick the edit flow shows, only for an option the model lets the user choose. */
export interface OptionStep {
  key: OptionKey;
  title: string;
  choices: OptionChoice[];
  /** Index into `choices` of the value the settings ask for (or the model default). */
  defaultIndex: number;
  /** Set when the model accepts free `WxH` sizes besides the presets. */
  customSize?: CustomSizeRule;
}

const modelDefault: OptionChoice = { label: 'Model default', value: undefined };

/**
 * Where a model offers `auto`, leaving the option out means the same: one choice, not "Model
 * default" beside "auto".
 */
const auto: OptionChoice = { label: 'auto', value: undefined, description: 'the model decides' };

/** Leaving the format out asks for the source's own (see `outputFormatFor` in @retouch/output). */
const sameAsSource: OptionChoice = {
  label: 'Same as the source',
  value: undefined,
  description: "a JPEG stays a JPEG; else the model's default",
};

function stringStep(
  key: OptionKey,
  title: string,
  values: readonly string[],
  wanted: string,
  customSize?: CustomSizeRule,
  unset = modelDefault,
): OptionStep | undefined {
  // A single fixed value is no choice; the model default covers it.
  if (values.length < 2 && !customSize) return undefined;
  const offersAuto = values.includes('auto');
  const choices: OptionChoice[] = [
    offersAuto ? auto : unset,
    ...values.filter((value) => value !== 'auto').map((value) => ({ label: value, value })),
  ];
  // A free size the model accepts (from the settings or a preset) is offered as it is.
  if (wanted && !values.includes(wanted) && customSize && !checkCustomSize(wanted, customSize)) {
    choices.push({ label: wanted, value: wanted, description: 'custom' });
  }
  const index =
    wanted === 'auto' && offersAuto ? 0 : choices.findIndex((choice) => choice.value === wanted);
  return {
    key,
    title,
    choices,
    defaultIndex: Math.max(index, 0),
    ...(customSize ? { customSize } : {}),
  };
}

/**
 * The option quick picks for a model: one per option it supports with more than one value, in
 * the order a person thinks about them. Defaults the model does not support fall back to the
 * model's own default instead of being sent and refused.
 */
export function buildOptionSteps(caps: ModelCapabilities, defaults: OptionDefaults): OptionStep[] {
  const steps: (OptionStep | undefined)[] = [
    stringStep('size', 'Size', caps.sizes.presets, defaults.size, caps.sizes.custom),
    stringStep('quality', 'Quality', caps.qualities, defaults.quality),
    numberOfImagesStep(caps, defaults.n),
    stringStep(
      'outputFormat',
      'Output Format',
      caps.outputFormats,
      defaults.outputFormat,
      undefined,
      sameAsSource,
    ),
    stringStep('background', 'Background', caps.backgrounds, defaults.background),
    caps.inputFidelity
      ? stringStep('inputFidelity', 'Input Fidelity', ['low', 'high'], defaults.inputFidelity)
      : undefined,
  ];
  return steps.filter((step): step is OptionStep => step !== undefined);
}

/** Lists at most this many counts; the settings can still ask for more if the model allows. */
const maxListedCount = 10;

function numberOfImagesStep(caps: ModelCapabilities, wanted: number): OptionStep | undefined {
  const { min, max } = caps.n;
  if (max <= min) return undefined;
  const choices: OptionChoice[] = [];
  for (let n = min; n <= Math.min(max, min + maxListedCount - 1); n++) {
    choices.push({ label: String(n), value: n, description: n === 1 ? 'image' : 'images' });
  }
  const index = choices.findIndex((choice) => choice.value === wanted);
  return { key: 'n', title: 'Number of Images', choices, defaultIndex: Math.max(index, 0) };
}

/** Whether `WxH` satisfies the model's free-size rule; a message when it does not. */
export function checkCustomSize(value: string, rule: CustomSizeRule): string | undefined {
  const match = /^(\d+)x(\d+)$/.exec(value.trim());
  if (!match) return 'Write the size as WIDTHxHEIGHT, e.g. 1536x1024.';
  const width = Number(match[1]);
  const height = Number(match[2]);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (rule.multipleOf && (width % rule.multipleOf || height % rule.multipleOf)) {
    return `Both edges must be multiples of ${rule.multipleOf}.`;
  }
  if (rule.minEdge && short < rule.minEdge) return `Each edge must be at least ${rule.minEdge}.`;
  if (rule.maxEdge && long > rule.maxEdge) return `Each edge must be at most ${rule.maxEdge}.`;
  if (rule.minPixels && width * height < rule.minPixels)
    return `At least ${rule.minPixels} pixels.`;
  if (rule.maxPixels && width * height > rule.maxPixels) return `At most ${rule.maxPixels} pixels.`;
  if (rule.maxAspectRatio && long / short > rule.maxAspectRatio) {
    return `The aspect ratio must be within ${rule.maxAspectRatio}:1.`;
  }
  return undefined;
}

/** The settings' defaults with a preset's options laid over them: the preset's values apply. */
export function withPresetDefaults(
  defaults: OptionDefaults,
  preset: PresetOptions | undefined,
): OptionDefaults {
  if (!preset) return defaults;
  const laid = { ...defaults };
  for (const key of ['size', 'quality', 'outputFormat', 'background', 'inputFidelity'] as const) {
    const value = preset[key];
    if (value !== undefined) laid[key] = value;
  }
  if (preset.n !== undefined) laid.n = preset.n;
  return laid;
}

/**
 * A preset's options that the model cannot take, as `background transparent`: they are left out
 * (the model decides), rather than failing the edit.
 */
export function presetOptionsLeftOut(
  caps: ModelCapabilities,
  steps: readonly OptionStep[],
  preset: PresetOptions | undefined,
): string[] {
  if (!preset) return [];
  const leftOut: string[] = [];
  for (const [key, value] of Object.entries(preset)) {
    if (value === undefined) continue;
    if (key === 'outputCompression') {
      if (!caps.outputCompression) leftOut.push(`${key} ${value}`);
      continue;
    }
    const step = steps.find((candidate) => candidate.key === key);
    const offered = step
      ? step.choices.some((choice) => choice.value === value)
      : singleValue(caps, key as OptionKey) === value;
    if (!offered) leftOut.push(`${key} ${value}`);
  }
  return leftOut;
}

/** The one value a model has for an option it offers no choice in, if any. */
function singleValue(caps: ModelCapabilities, key: OptionKey): string | number | undefined {
  if (key === 'size') return caps.sizes.presets.length === 1 ? caps.sizes.presets[0] : undefined;
  if (key === 'quality') return caps.qualities.length === 1 ? caps.qualities[0] : undefined;
  if (key === 'outputFormat') {
    return caps.outputFormats.length === 1 ? caps.outputFormats[0] : undefined;
  }
  if (key === 'background') return caps.backgrounds.length === 1 ? caps.backgrounds[0] : undefined;
  if (key === 'n') return caps.n.min === caps.n.max ? caps.n.min : undefined;
  return undefined;
}

/** The options the steps' defaults stand for: what "Use defaults" sends. */
export function defaultOptions(steps: readonly OptionStep[]): EditImageOptions {
  const chosen: Partial<Record<OptionKey, string | number>> = {};
  for (const step of steps) {
    const value = step.choices[step.defaultIndex]?.value;
    if (value !== undefined) chosen[step.key] = value;
  }
  return chosen as EditImageOptions;
}
