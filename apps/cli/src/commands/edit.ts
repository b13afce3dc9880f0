import { resolve } from 'node:path';
import { RetouchError } from '@retouch/core';
import { builtInModels } from '@retouch/provider-openai-compatible';
import {
  batchPriceFactor,
  batchTotal,
  describeBatchPrice,
  type EditOutcome,
  type EditRequest,
} from '@retouch/session';
import { parseCommandArgs, usageError } from '../args/parse-command-args.js';
import { addSecrets, type CliContext, printErr, printOut } from '../cli-context.js';
import { apiKeyNeed } from '../config/api-key-need.js';
import { createConfiguredProvider } from '../config/create-configured-provider.js';
import { parseBatchFlags } from '../edit/batch-flags.js';
import {
  editOptions,
  parseEditFlags,
  parseTimeout,
  parseWire,
  regionOf,
} from '../edit/edit-flags.js';
import { editHelp } from '../edit/edit-help.js';
import { expandInputs } from '../edit/expand-inputs.js';
import { formatDryRun } from '../edit/format-dry-run.js';
import { formatOutcome, outputsJson } from '../edit/format-outcome.js';
import { exitCodes } from '../exit-codes.js';
import { loadPresets, presetNamed } from '../presets/load-presets.js';
import { ProgressLine } from '../progress/progress-line.js';
import { cliSession } from '../session/cli-session.js';
import { withInterrupt } from '../with-interrupt.js';
import { editBatchApiCommand, editEachCommand } from './edit-each.js';

/**
 * `retouch edit`: flags and config into a request for the edit session, then the session's plan
 * run one way (one edit, `--each`, `--dry-run`), with a live line on a terminal and a summary
 * (or one JSON document) at the end.
 */
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
  const options = parseEditFlags(values);
  const timeoutMs = parseTimeout(values);
  const batch = parseBatchFlags(values);
  const images = await expandInputs(positionals, context.cwd);

  const configured = await createConfiguredProvider({
    flags: {
      provider: values.provider,
      model: values.model,
      baseUrl: values['base-url'],
      config: values.config,
      wire: parseWire(values),
    },
    env: context.env,
    cwd: context.cwd,
    addSecrets: (secrets) => addSecrets(context, secrets),
  });
  const { notices } = configured.settings;
  if (!context.machine) {
    for (const notice of notices) await printErr(context, `retouch: note: ${notice}`);
  }
  const { provider } = configured;
  if (configured.settings.model === undefined && provider.models.length === 0) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: `${provider.id} lists no models, so name one with --model (or RETOUCH_MODEL).`,
      issues: [{ field: 'model', message: 'required' }],
    });
  }

  const session = cliSession({ secrets: [...context.secrets], sidecar: values.sidecar === true });
  const request: EditRequest<string> = {
    provider,
    ...(configured.settings.model ? { model: configured.settings.model } : {}),
    ...(values.prompt === undefined ? {} : { prompt: values.prompt }),
    ...(preset ? { preset } : {}),
    images,
    ...(values.mask === undefined ? {} : { mask: resolve(context.cwd, values.mask) }),
    ...(values.markup === undefined
      ? {}
      : { markupLayer: { location: resolve(context.cwd, values.markup) } }),
    ...(values.out === undefined ? {} : { out: resolve(context.cwd, values.out) }),
    options,
    each: batch.each,
    pricingOverrides: configured.pricing,
    ...(batch.maxCost === undefined ? {} : { maxCost: batch.maxCost }),
    ...(configured.endpoint ? { endpoint: configured.endpoint } : {}),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(values['keep-input'] === true ? { keepInput: true } : {}),
    ...regionOf(values),
    // A dry run sends nothing, so it needs no key.
    ...(batch.dryRun ? {} : { key: apiKeyNeed(configured) }),
  };
  // A dry run reports the budget; it does not refuse to plan over it.
  const plan = await session.plan(batch.dryRun ? { ...request, maxCost: undefined } : request);
  // Refused before anything is sent (also before a dry run) when there is no batch API.
  const factor = batch.batch
    ? batchPriceFactor(plan.provider, plan.model, {
        provider: '--provider openai-compatible',
        models: builtInModels
          .filter((entry) => entry.batchPriceFactor !== undefined)
          .map((entry) => entry.info.id),
      })
    : undefined;
  if (batch.dryRun) {
    const dryRun = await session.dryRun(
      { ...plan, ...(batch.maxCost === undefined ? {} : { maxCost: batch.maxCost }) },
      { batchApi: batch.batch === true },
    );
    const batchPrice =
      factor === undefined
        ? {}
        : { batch: { priceFactor: factor, total: batchTotal(dryRun, factor) } };
    await printOut(
      context,
      context.machine
        ? JSON.stringify({ ok: true, dryRun: true, sent: 0, ...dryRun, ...batchPrice })
        : [
            formatDryRun(dryRun, batch.maxCost),
            ...(factor === undefined ? [] : [`  ${describeBatchPrice(dryRun, factor)}`]),
          ].join('\n'),
    );
    return exitCodes.ok;
  }
  if (batch.batch) {
    return editBatchApiCommand(context, session, plan, { notices, cancel: batch.cancelBatch });
  }
  if (batch.each) {
    return editEachCommand(context, session, plan, {
      notices,
      concurrency: batch.concurrency,
      fresh: batch.fresh,
    });
  }

  const progress =
    !context.machine && context.stderr.isTTY
      ? new ProgressLine(context.stderr, 'editing')
      : undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return session.edit(plan, { signal, onProgress: (event) => progress?.update(event) });
    },
    () => progress?.note('cancelling…'),
  ).finally(() => progress?.stop());
  // Results the folder could not take were saved elsewhere; the error says where.
  if (outcome.error) throw outcome.error;
  await printOut(
    context,
    context.machine
      ? machineOutput(plan.prompt, outcome, notices, preset?.name)
      : formatOutcome(outcome, context.cwd, progress?.current),
  );
  return exitCodes.ok;
}

function machineOutput(
  prompt: string,
  outcome: EditOutcome<string>,
  notices: string[],
  preset: string | undefined,
): string {
  return JSON.stringify({
    ok: true,
    provider: outcome.provider,
    model: outcome.model,
    prompt,
    ...(preset ? { preset } : {}),
    outputs: outputsJson(outcome),
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
