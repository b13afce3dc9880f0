import builtInData from './built-in-presets.json' with { type: 'json' };
import { type PromptPreset, promptPresetListSchema } from './preset-schema.js';

/**
 * The shipped presets, checked once at load: a broken data file is a packaging mistake, so it
 * throws with every problem named rather than offering a half-valid preset.
 */
function loadBuiltInPresets(): readonly PromptPreset[] {
  const parsed = promptPresetListSchema.safeParse(builtInData.presets);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new TypeError(`The built-in prompt presets are invalid: ${problems}`);
  }
  return Object.freeze(parsed.data.map((preset) => Object.freeze(preset)));
}

export const builtInPresets: readonly PromptPreset[] = loadBuiltInPresets();
