import { type ListedPreset, listPresets, parseUserPresets, resolvePreset } from '@retouch/session';
import { usageError } from '../args/parse-command-args.js';
import { type ConfigLocation, loadConfigFile } from '../config/load-config.js';

export interface LoadedPresets {
  /** The user's presets (from the config file) first, then the built-in ones. */
  presets: ListedPreset[];
  /** Presets of the config file that were left out, and why. */
  problems: string[];
  /** The config file the user's presets came from. */
  configPath?: string;
}

/** Built-in presets and the ones under `"presets"` in the config file `retouch edit` would use. */
export async function loadPresets(location: ConfigLocation): Promise<LoadedPresets> {
  const file = await loadConfigFile(location);
  const { presets: own, problems } = parseUserPresets(file?.data.presets);
  return {
    presets: listPresets(own),
    problems: file ? problems.map((problem) => `${file.path}: ${problem}`) : problems,
    ...(file ? { configPath: file.path } : {}),
  };
}

/** The preset `--preset NAME` names; a usage error listing the choices when there is none. */
export function presetNamed(name: string, loaded: LoadedPresets): ListedPreset {
  const own = loaded.presets.filter((preset) => preset.source === 'user');
  const preset = resolvePreset(name, own);
  if (preset) return preset;
  const names = loaded.presets.map((candidate) => candidate.name).join(', ');
  const leftOut = loaded.problems.length
    ? ` (${loaded.problems.length} preset${loaded.problems.length === 1 ? ' was' : 's were'} left out of the config file; \`retouch presets\` says why)`
    : '';
  throw usageError(
    'edit',
    `There is no preset named "${name}"; the presets are ${names}${leftOut}`,
    'preset',
  );
}
