import { applyPreset, type EditProgressEvent } from '@retouch/core';
import { parseCommandArgs, usageError } from '../args/parse-command-args.js';
import { parseChoice, parseDuration, parseInteger } from '../args/parse-values.js';
import { addSecrets, type CliContext, printErr, printOut } from '../cli-context.js';
import { createConfiguredProvider, modelPricing } from '../config/create-configured-provider.js';
import { assertWithinBudget, batchOptions, parseBatchFlags } from '../edit/batch-flags.js';
import { dryRunEdit, formatDryRun } from '../edit/dry-run-edit.js';
import { modelOf } from '../edit/edit-inputs.js';
import { expandInputs } from '../edit/expand-inputs.js';
import { formatOutcome } from '../edit/format-outcome.js';
import { type EditOutcome, runEdit } from '../edit/run-edit.js';
import { exitCodes } from '../exit-codes.js';
import { loadPresets, presetNamed } from '../presets/load-presets.js';
import { ProgressLine, type ProgressState } from '../progress/progress-line.js';
import { withInterrupt } from '../with-interrupt.js';
import { editEachCommand } from './edit-each.js';

export const editHelp = `Usage: retouch edit <image…> --prompt "…" [options]

Edits one image, or combines several, and writes name.retouch-N.ext (never overwriting) next to
the first image or in --out. With --each, edits every image on its own with the same prompt,
mask and options. How each result was made (prompt, provider, model, options, input hashes,
cost) is recorded inside the image's own metadata; --sidecar also writes it to name.ext.json.
Images may be glob patterns ("photos/*.png"), for shells that do not expand them.

Options:
  -p, --prompt <text>       What to change (required unless --preset gives it)
      --preset <name>       A prompt preset and its options (\`retouch presets\` lists them);
                            --prompt and the option flags below override its values
  -m, --mask <file.png>     PNG whose transparent pixels mark the area to edit
      --provider <name>     openai-compatible (default), queue, or an installed plugin package
      --model <id>          Model id; \`retouch models\` lists them
      --n <count>           How many variants to make (default 1)
      --size <WxH|auto>     Output size, e.g. 1024x1024
      --quality <level>     e.g. low, medium, high, auto
      --background <mode>   auto, transparent or opaque
      --format <fmt>        png, jpeg or webp
      --compression <0-100> For jpeg and webp
      --fidelity <level>    Input fidelity: high or low
      --partials <0-3>      Stream this many partial images while the edit runs
      --wire <images|chat>  openai-compatible: send through /images/edits or /chat/completions
                            (gateways such as OpenRouter serve image models through chat)
  -o, --out <dir>           Write results here instead of next to the input
      --each                Edit each image on its own (a batch) instead of combining them;
                            a journal beside the outputs lets the same command, run again,
                            skip what is done, retry what failed and follow jobs still running
      --concurrency <n>     With --each: edits at once (default 4; fewer for a while after a 429)
      --fresh               With --each: ignore the journal and edit every image again
      --dry-run             Check everything (inputs, model, options, output folder) and print
                            the estimated cost; send nothing
      --max-cost <amount>   Start no edit that could take this run's cost above this (e.g. 2.50,
                            in the prices' currency, USD for the built-in prices)
      --keep-input          Send the images exactly as they are: no EXIF turn, no shrinking to
                            the model's largest useful size, no conversion of HEIC/AVIF/TIFF/BMP
      --whole-image         With a mask: send the whole picture, not a crop around the mask,
                            and keep the model's answer as it is (no compositing)
      --region-threshold <f> A mask covering at most this fraction of the picture is sent as
                            a crop around it (default 0.25)
      --region-margin <f>   Context around that crop, as a fraction of its longer side (default 0.5)
      --sidecar             Also write each result's record to a JSON file beside it
      --timeout <duration>  Give up after this long, e.g. 90s or 5m (default 10m)
      --base-url <url>      Provider endpoint, e.g. http://127.0.0.1:4010/v1
      --config <file>       Config file (default ./retouch.config.json, then ~/.config/retouch/config.json)
      --json                Print one JSON document (also the default when stdout is not a terminal)
  -h, --help                Show this help

API keys come from the environment (OPENAI_API_KEY, FAL_KEY, …) or the config file, never
from a flag. Ctrl-C cancels the job on the server.

Examples:
  retouch edit photo.png --prompt "make it sepia"
  retouch edit photo.png --mask sky.png --prompt "a stormy sky" --n 2 --out edits/
  retouch edit product.jpg --preset product-shot-white --format webp
  retouch edit a.png b.png --prompt "combine into one poster" --provider queue --json
  retouch edit "products/*.jpg" --each --prompt "white background" --max-cost 5 --out edited/
  retouch edit cat.png --prompt "add a hat" --model google/gemini-2.5-flash-image --wire chat \
    --base-url https://openrouter.ai/api/v1`;

const editOptions = {
  prompt: { type: 'string', short: 'p' },
  preset: { type: 'string' },
  mask: { type: 'string', short: 'm' },
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

export async function editCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('edit', args, editOptions);
  if (values.help) {
    await printOut(context, editHelp);
    return exitCodes.ok;
  }
  if (positionals.length === 0)
    throw usageError('edit', 'Name at least one image to edit', 'images');
  const preset =
    values.preset === undefined
      ? undefined
      : presetNamed(
          values.preset,
          await loadPresets({ explicitPath: values.config, cwd: context.cwd, env: context.env }),
        );
  if (!values.prompt?.trim() && !preset) {
    throw usageError('edit', 'Say what to change with --prompt "…" or --preset NAME', 'prompt');
  }

  const flagOptions = {
    n: values.n === undefined ? undefined : parseInteger('edit', '--n', values.n, 1, 100),
    size: values.size,
    quality: values.quality,
    background:
      values.background === undefined
        ? undefined
        : parseChoice('edit', '--background', values.background, [
            'auto',
            'transparent',
            'opaque',
          ] as const),
    outputFormat:
      values.format === undefined
        ? undefined
        : parseChoice('edit', '--format', values.format, ['png', 'jpeg', 'webp'] as const, {
            jpg: 'jpeg',
          }),
    outputCompression:
      values.compression === undefined
        ? undefined
        : parseInteger('edit', '--compression', values.compression, 0, 100),
    inputFidelity:
      values.fidelity === undefined
        ? undefined
        : parseChoice('edit', '--fidelity', values.fidelity, ['high', 'low'] as const),
    partialImages:
      values.partials === undefined
        ? undefined
        : parseInteger('edit', '--partials', values.partials, 0, 3),
  };
  const { prompt, options } = preset
    ? applyPreset(preset, { prompt: values.prompt, options: flagOptions })
    : { prompt: values.prompt!.trim(), options: flagOptions };
  const timeoutMs =
    values.timeout === undefined ? undefined : parseDuration('edit', '--timeout', values.timeout);
  const batch = parseBatchFlags(values);
  const images = await expandInputs(positionals, context.cwd);

  const configured = await createConfiguredProvider({
    flags: {
      provider: values.provider,
      model: values.model,
      baseUrl: values['base-url'],
      config: values.config,
      wire:
        values.wire === undefined
          ? undefined
          : parseChoice('edit', '--wire', values.wire, ['images', 'chat'] as const),
    },
    env: context.env,
    cwd: context.cwd,
    addSecrets: (secrets) => addSecrets(context, secrets),
  });
  if (!context.machine) {
    for (const notice of configured.settings.notices)
      await printErr(context, `retouch: note: ${notice}`);
  }

  const model = modelOf(configured.provider, configured.settings.model);
  const pricing = modelPricing(configured, model);
  const job = {
    provider: configured.provider,
    model,
    prompt,
    images,
    mask: values.mask,
    options,
    outDir: values.out,
    sidecar: values.sidecar === true,
    cwd: context.cwd,
    endpoint: configured.endpoint,
    secrets: [...context.secrets],
    timeoutMs,
    keepInput: values['keep-input'] === true,
    region: regionSettings(values),
    pricing,
  };
  if (batch.dryRun) {
    const dryRun = await dryRunEdit({ ...job, each: batch.each, maxCost: batch.maxCost });
    await printOut(
      context,
      context.machine
        ? JSON.stringify({ ok: true, dryRun: true, sent: 0, ...dryRun })
        : formatDryRun(dryRun, batch.maxCost),
    );
    return exitCodes.ok;
  }
  if (batch.each) {
    return editEachCommand(
      context,
      { ...job, concurrency: batch.concurrency, maxCost: batch.maxCost, fresh: batch.fresh },
      configured.settings.notices,
    );
  }
  if (batch.maxCost !== undefined) assertWithinBudget(job, batch.maxCost);

  const progress =
    !context.machine && context.stderr.isTTY
      ? new ProgressLine(context.stderr, 'editing')
      : undefined;
  let state: ProgressState | undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return runEdit({
        ...job,
        signal,
        onProgress: (event: EditProgressEvent) => progress?.update(event),
      });
    },
    () => progress?.note('cancelling…'),
  ).finally(() => {
    state = progress?.current;
    progress?.stop();
  });

  await printOut(
    context,
    context.machine
      ? machineOutput(prompt, outcome, configured.settings.notices, preset?.name)
      : formatOutcome(outcome, context.cwd, state),
  );
  return exitCodes.ok;
}

function machineOutput(
  prompt: string,
  outcome: EditOutcome,
  notices: string[],
  preset: string | undefined,
): string {
  return JSON.stringify({
    ok: true,
    provider: outcome.provider,
    model: outcome.model,
    prompt,
    ...(preset ? { preset } : {}),
    outputs: outcome.outputs,
    ...(outcome.source ? { source: outcome.source } : {}),
    requestId: outcome.requestId,
    requestIds: outcome.requestIds,
    usage: outcome.usage,
    cost: outcome.cost,
    warnings: outcome.warnings,
    notes: outcome.notes,
    notices,
    elapsedMs: outcome.elapsedMs,
  });
}

/** `--whole-image`, `--region-threshold`, `--region-margin` → the engine's region settings. */
function regionSettings(values: {
  'whole-image'?: boolean;
  'region-threshold'?: string;
  'region-margin'?: string;
}): { wholeImage?: boolean; threshold?: number; margin?: number } | undefined {
  const fraction = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      throw usageError(
        'edit',
        `--${flag} must be a number from 0 to 1, e.g. 0.25 (got ${text})`,
        flag,
      );
    }
    return value;
  };
  const threshold = fraction('region-threshold', values['region-threshold']);
  const margin = fraction('region-margin', values['region-margin']);
  const settings = {
    ...(values['whole-image'] ? { wholeImage: true } : {}),
    ...(threshold === undefined ? {} : { threshold }),
    ...(margin === undefined ? {} : { margin }),
  };
  return Object.keys(settings).length > 0 ? settings : undefined;
}
