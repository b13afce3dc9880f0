import type { EditImageOptions } from '@retouch/core';

const optionKeys = new Set(['size', 'quality', 'n', 'outputFormat', 'background', 'inputFidelity']);

/** The page's choices, as engine options: known keys only, `n` a number. */
export function sentOptions(chosen: Record<string, string | number>): EditImageOptions {
  const options: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(chosen)) {
    if (!optionKeys.has(key) || value === '' || value === null) continue;
    options[key] = key === 'n' ? Number(value) : value;
  }
  return options as EditImageOptions;
}
