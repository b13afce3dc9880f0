import { usageError } from '../args/parse-command-args.js';
import { parseChoice, parseDuration, parseInteger } from '../args/parse-values.js';
import { batchOptions } from './batch-flags.js';

/** The flags of `retouch edit`. */
export const editOptions = {
  prompt: { type: 'string', short: 'p' },
  preset: { type: 'string' },
  mask: { type: 'string', short: 'm' },
  markup: { type: 'string' },
  complexity: { type: 'string' },
  provider: { type: 'string' },
  model: { type: 'string' },
  n: { type: 'string' },
  size: { type: 'string' },
  quality: { type: 'string' },
  background: { type: 'string' },
  format: { type: 'string' },
  compression: { type: 'string' },
  fidelity: { type: 'string' },
  partials: { type: 'string' },
  wire: { type: 'string' },
  out: { type: 'string', short: 'o' },
  sidecar: { type: 'boolean' },
  'keep-input': { type: 'boolean' },
  'whole-image': { type: 'boolean' },
  'region-threshold': { type: 'string' },
  'region-margin': { type: 'string' },
  timeout: { type: 'string' },
  'base-url': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...batchOptions,
} as const;

type Values = Partial<Record<keyof typeof editOptions, string | boolean>>;
const text = (value: string | boolean | undefined) =>
  typeof value === 'string' ? value : undefined;

/** The edit options the flags ask for; undefined where a flag is not given. */
export function parseEditFlags(values: Values) {
  const n = text(values.n);
  const background = text(values.background);
  const format = text(values.format);
  const compression = text(values.compression);
  const fidelity = text(values.fidelity);
  const partials = text(values.partials);
  return {
    n: n === undefined ? undefined : parseInteger('edit', '--n', n, 1, 100),
    size: text(values.size),
    quality: text(values.quality),
    complexity: text(values.complexity),
    background:
      background === undefined
        ? undefined
        : parseChoice('edit', '--background', background, [
            'auto',
            'transparent',
            'opaque',
          ] as const),
    outputFormat:
      format === undefined
        ? undefined
        : parseChoice('edit', '--format', format, ['png', 'jpeg', 'webp'] as const, {
            jpg: 'jpeg',
          }),
    outputCompression:
      compression === undefined
        ? undefined
        : parseInteger('edit', '--compression', compression, 0, 100),
    inputFidelity:
      fidelity === undefined
        ? undefined
        : parseChoice('edit', '--fidelity', fidelity, ['high', 'low'] as const),
    partialImages:
      partials === undefined ? undefined : parseInteger('edit', '--partials', partials, 0, 3),
  };
}

/** `--timeout 90s` in milliseconds. */
export function parseTimeout(values: Values): number | undefined {
  const timeout = text(values.timeout);
  return timeout === undefined ? undefined : parseDuration('edit', '--timeout', timeout);
}

/** `--wire images|chat` for the openai-compatible provider. */
export function parseWire(values: Values): 'images' | 'chat' | undefined {
  const wire = text(values.wire);
  return wire === undefined
    ? undefined
    : parseChoice('edit', '--wire', wire, ['images', 'chat'] as const);
}

/** `--whole-image`, `--region-threshold`, `--region-margin` as the session's `region` (empty: none). */
export function regionOf(values: Values): {
  region?: { wholeImage?: boolean; threshold?: number; margin?: number };
} {
  const fraction = (flag: string) => {
    const given = text(values[flag as keyof Values]);
    if (given === undefined) return undefined;
    const value = Number(given);
    if (given.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw usageError('edit', `--${flag} must be a number from 0 to 1, e.g. 0.25 (got ${given})`);
    }
    return value;
  };
  const threshold = fraction('region-threshold');
  const margin = fraction('region-margin');
  const region = {
    ...(values['whole-image'] === true ? { wholeImage: true } : {}),
    ...(threshold === undefined ? {} : { threshold }),
    ...(margin === undefined ? {} : { margin }),
  };
  return Object.keys(region).length > 0 ? { region } : {};
}
