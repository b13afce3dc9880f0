import type { EditImageOptions } from '@retouch/core';
import { builtInPresets } from './built-in-presets.js';
import {
  type ListedPreset,
  type PresetOptions,
  type PromptPreset,
  promptPresetSchema,
} from './preset-schema.js';
import { useEnglishZodMessages } from './zod-messages.js';

/**
 * The key two names are compared by: case, spaces, hyphens and underscores do not matter, so
 * `--preset "Fix lighting"` finds `fix-lighting`.
 */
export function presetKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');
}

export interface ParsedUserPresets {
  presets: PromptPreset[];
  /** One sentence per preset that was left out, saying which and why. */
  problems: string[];
}

/**
 * Checks presets from user settings or a config file one by one, so one broken entry does not
 * hide the others. A later preset whose name repeats an earlier one is left out.
 */
export function parseUserPresets(value: unknown): ParsedUserPresets {
  useEnglishZodMessages();
  if (value === undefined || value === null) return { presets: [], problems: [] };
  if (!Array.isArray(value)) {
    return { presets: [], problems: ['presets must be a list of { name, prompt, options? }'] };
  }
  const presets: PromptPreset[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  value.forEach((entry, index) => {
    const parsed = promptPresetSchema.safeParse(entry);
    const label = describeEntry(entry, index);
    if (!parsed.success) {
      const why = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'preset'}: ${issue.message}`)
        .join('; ');
      problems.push(`${label} was left out (${why})`);
      return;
    }
    const key = presetKey(parsed.data.name);
    if (seen.has(key)) {
      problems.push(`${label} was left out: an earlier preset has the same name`);
      return;
    }
    seen.add(key);
    presets.push(parsed.data);
  });
  return { presets, problems };
}

function describeEntry(entry: unknown, index: number): string {
  const name = (entry as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() && name.length <= 64
    ? `preset ${index + 1} ("${name.replace(/[\p{Cc}]/gu, '')}")`
    : `preset ${index + 1}`;
}

/**
 * Every preset a user can choose: their own first, then the built-in ones they have not replaced
 * with a preset of the same name.
 */
export function listPresets(userPresets: readonly PromptPreset[] = []): ListedPreset[] {
  const own = new Set(userPresets.map((preset) => presetKey(preset.name)));
  return [
    ...userPresets.map((preset) => ({ ...preset, source: 'user' as const })),
    ...builtInPresets
      .filter((preset) => !own.has(presetKey(preset.name)))
      .map((preset) => ({ ...preset, source: 'built-in' as const })),
  ];
}

/** The preset called `name` (see `presetKey`), a user's own before a built-in one. */
export function resolvePreset(
  name: string,
  userPresets: readonly PromptPreset[] = [],
): ListedPreset | undefined {
  const key = presetKey(name);
  return listPresets(userPresets).find((preset) => presetKey(preset.name) === key);
}

/**
 * The prompt and options an edit with `preset` sends: the preset's options apply unless the user
 * chose a value of their own; a prompt of their own replaces the preset's.
 */
export function applyPreset<Options extends EditImageOptions>(
  preset: PromptPreset,
  chosen: { prompt?: string | undefined; options?: Options | undefined } = {},
): { prompt: string; options: PresetOptions & Options } {
  const own = Object.fromEntries(
    Object.entries(chosen.options ?? {}).filter(([, value]) => value !== undefined),
  ) as Options;
  return {
    prompt: chosen.prompt?.trim() || preset.prompt,
    options: { ...preset.options, ...own },
  };
}

/** `background transparent, format png`: a preset's options in a few words, for lists. */
export function describePresetOptions(options: PresetOptions | undefined): string {
  if (!options) return '';
  const labels: Record<keyof PresetOptions, string> = {
    size: 'size',
    quality: 'quality',
    n: 'n',
    background: 'background',
    outputFormat: 'format',
    outputCompression: 'compression',
    inputFidelity: 'fidelity',
  };
  return Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${labels[key as keyof PresetOptions] ?? key} ${value}`)
    .join(', ');
}
