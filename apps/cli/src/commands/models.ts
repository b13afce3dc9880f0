import type { ModelCapabilities, ModelInfo } from '@retouch/core';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { addSecrets, type CliContext, printOut } from '../cli-context.js';
import { createConfiguredProvider } from '../config/create-configured-provider.js';
import { exitCodes } from '../exit-codes.js';

export const modelsHelp = `Usage: retouch models [--provider <name>] [--json]

Lists the models a provider declares and what each accepts: sizes, how many images, masks,
formats, backgrounds, quality levels, input fidelity and streaming. Gateways may serve more
models than listed; add them under "models" in the provider's config.

Options:
      --provider <name>   openai-compatible (default), queue, or an installed plugin package
      --base-url <url>    Provider endpoint
      --config <file>     Config file
      --json              Print JSON
  -h, --help              Show this help`;

const modelsOptions = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function modelsCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('models', args, modelsOptions);
  if (values.help) {
    await printOut(context, modelsHelp);
    return exitCodes.ok;
  }
  const { plugin, provider } = await createConfiguredProvider({
    flags: {
      provider: values.provider ?? positionals[0],
      baseUrl: values['base-url'],
      config: values.config,
    },
    env: context.env,
    cwd: context.cwd,
    addSecrets: (secrets) => addSecrets(context, secrets),
  });
  if (context.machine) {
    await printOut(
      context,
      JSON.stringify({
        provider: plugin.id,
        displayName: plugin.displayName,
        models: provider.models,
      }),
    );
    return exitCodes.ok;
  }
  const blocks = provider.models.map(formatModel);
  const heading = `${plugin.displayName} (${plugin.id}): ${provider.models.length} model${provider.models.length === 1 ? '' : 's'}`;
  await printOut(context, [heading, '', ...blocks].join('\n'));
  return exitCodes.ok;
}

export function formatModel(model: ModelInfo): string {
  const c = model.capabilities;
  const rows: [string, string][] = [
    ['sizes', formatSizes(c)],
    ['images', `${formatRange(c.n.min, c.n.max)} per edit (${c.maxImagesPerCall} per call)`],
    [
      'inputs',
      `up to ${c.maxInputImages} (${c.inputMediaTypes.map((t) => t.replace('image/', '')).join(', ')}), ${formatMegabytes(c.maxInputBytes)} each`,
    ],
    ['mask', c.mask ? 'yes' : 'no'],
    [
      'formats',
      `${c.outputFormats.join(', ') || '—'}${c.outputCompression ? ' (compression 0–100)' : ''}`,
    ],
    ['background', c.backgrounds.join(', ') || '—'],
    ['quality', c.qualities.join(', ') || '—'],
    ['fidelity', c.inputFidelity ? 'high, low' : '—'],
    ['streaming', c.streaming ? `up to ${c.streaming.partialImages} partial images` : 'no'],
    ['prompt', `up to ${c.maxPromptLength} characters`],
  ];
  const title =
    model.displayName && model.displayName !== model.id
      ? `${model.id}  (${model.displayName})`
      : model.id;
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`), ''].join('\n');
}

function formatSizes(c: ModelCapabilities): string {
  const presets = c.sizes.presets.join(', ');
  const custom = c.sizes.custom;
  if (!custom) return presets || '—';
  const rules = [
    custom.minEdge !== undefined || custom.maxEdge !== undefined
      ? `edges ${custom.minEdge ?? 1}–${custom.maxEdge ?? '∞'}`
      : '',
    custom.multipleOf ? `multiples of ${custom.multipleOf}` : '',
    custom.maxAspectRatio ? `ratio ≤ ${custom.maxAspectRatio}:1` : '',
  ].filter(Boolean);
  return `${presets ? `${presets}, ` : ''}any WxH${rules.length ? ` (${rules.join(', ')})` : ''}`;
}

function formatRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
