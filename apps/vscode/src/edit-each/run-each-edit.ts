import { randomUUID } from 'node:crypto';
import type { BatchSummary, EditImageOptions } from '@retouch/core';
import { isRetouchError } from '@retouch/core';
import { batchApiOf } from '@retouch/core/batch-api';
import {
  describeBatchApiEvent,
  describeEachProgress,
  initialEachProgress,
  reduceEachProgress,
} from '@retouch/session';
import * as vscode from 'vscode';
import type { EditTarget } from '../edit/prepare-model.js';
import { editSession } from '../host/edit-session.js';
import { modelPricing } from '../host/pricing.js';
import type { RetouchServices } from '../host/services.js';
import {
  builtInProviderConfig,
  eachConcurrency,
  keepInputWanted,
  maxCostSetting,
  outputFolderFor,
  regionSettings,
} from '../host/settings.js';
import { EachPlanStore } from '../host/state/each-plan-store.js';
import { confirmEachRun, type EachMode } from '../ui/confirm-each-run.js';
import { showEditError } from '../ui/show-edit-error.js';
import { type EachItemReport, showEachResults } from './show-each-results.js';

export interface EachPlan {
  target: EditTarget;
  sources: vscode.Uri[];
  mask?: vscode.Uri;
  prompt: string;
  options: EditImageOptions;
  /** Set when this runs a stored batch again (Resume). */
  id?: string;
  /** A stored batch on the provider's Batch API: Resume follows the same batch. */
  batch?: boolean;
  /** Scripts and tests answer the live-or-batch choice themselves. */
  mode?: EachMode;
}

export interface EachRun {
  summary: BatchSummary;
  reports: EachItemReport[];
}

/**
 * Runs one Edit Each batch through the session: every source edited on its own with the same
 * prompt, mask and options (a few at a time behind one rate-limit gate, within
 * `retouch.maxCost`), each result written beside its source as it arrives, and a journal beside
 * the outputs so Resume can finish an interrupted batch. A new batch whose estimate is above
 * `retouch.confirmCostAbove` is confirmed first. One cancellable notification shows the counts.
 */
export async function runEachEdit(
  services: RetouchServices,
  plan: EachPlan,
): Promise<EachRun | undefined> {
  const { prepared, model } = plan.target;
  const providerId = prepared.entry.plugin.id;
  const folders = new Map<string, vscode.Uri>();
  for (const source of plan.sources) {
    const folder = outputFolderFor(source);
    if ('error' in folder) {
      void vscode.window.showErrorMessage(`Retouch: ${folder.error}`);
      return undefined;
    }
    folders.set(source.toString(), folder);
  }
  const plans = new EachPlanStore(services.context.workspaceState);
  const id = plan.id ?? randomUUID();
  const count = `${plan.sources.length} Image${plan.sources.length === 1 ? '' : 's'}`;
  // Where the model has a batch API, the confirmation is a choice: now, or half price within 24 h.
  const factor = batchApiOf(prepared.provider)?.priceFactor(model.id);
  let batch = plan.batch === true;
  const session = editSession(services, {
    secrets: prepared.secrets,
    // A resumed batch was confirmed when it started.
    ...(plan.id === undefined
      ? {
          confirmCost: async (estimate) => {
            const mode = await confirmEachRun(
              estimate,
              `Edit ${count}`,
              factor === undefined ? undefined : { factor },
              plan.mode,
            );
            batch = mode === 'batch';
            return mode !== undefined;
          },
        }
      : {}),
  });
  try {
    const baseURL = prepared.entry.builtIn ? builtInProviderConfig(providerId).baseURL : undefined;
    const maxCost = maxCostSetting();
    const planned = await session.plan({
      provider: prepared.provider,
      model: model.id,
      prompt: plan.prompt,
      images: plan.sources,
      ...(plan.mask ? { mask: plan.mask } : {}),
      options: plan.options,
      each: true,
      outputFolder: (source) => folders.get(source.toString())!,
      pricing: modelPricing(model, services.log),
      ...(maxCost === undefined ? {} : { maxCost }),
      ...(typeof baseURL === 'string' ? { endpoint: baseURL } : {}),
      ...(keepInputWanted() ? { keepInput: true } : {}),
      region: regionSettings(),
    });
    await services.history.rememberPrompt(plan.prompt);
    await plans.save({
      id,
      provider: providerId,
      model: model.id,
      prompt: plan.prompt,
      options: plan.options,
      sources: plan.sources.map(String),
      ...(plan.mask ? { mask: plan.mask.toString() } : {}),
      ...(batch ? { batch: true } : {}),
      createdAt: new Date().toISOString(),
    });
    const title = `Retouch: Edit Each "${plan.prompt.length > 40 ? `${plan.prompt.slice(0, 39)}…` : plan.prompt}"${batch ? ' at half price' : ''}`;
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort());
        const tracked = services.running.add(title, () => controller.abort());
        let state = initialEachProgress;
        try {
          if (batch) {
            progress.report({ message: `preparing ${plan.sources.length} images…` });
            return await session.batchApiEach(planned, {
              discardWhenDone: true,
              signal: controller.signal,
              metadata: { made_by: 'retouch-vscode' },
              onEvent: (event) => {
                if (event.type === 'batch-submitted') {
                  tracked.markSent();
                  services.log.info(
                    `Edit Each ${id}: batch ${event.batchId} created (${event.requests} requests).`,
                  );
                }
                if (event.type === 'batch-status') {
                  services.log.info(`Edit Each ${id}: batch ${event.batchId} ${event.status}.`);
                }
                const message =
                  event.type === 'item-finished'
                    ? `writing results: ${event.counts.done} of ${event.counts.total} done`
                    : describeBatchApiEvent(event);
                if (message) progress.report({ message });
              },
            });
          }
          progress.report({ message: describeEachProgress(state, Date.now()) });
          return await session.each(planned, {
            concurrency: eachConcurrency(),
            // A new Edit Each edits every image; only Resume skips what an earlier run did.
            fresh: plan.id === undefined,
            // Nothing left to resume: keep no journal beside the results.
            discardWhenDone: true,
            signal: controller.signal,
            onEvent: (event) => {
              state = reduceEachProgress(state, event, Date.now());
              // From the first edit on, cancelling may come too late for some of them.
              if (state.sent) tracked.markSent();
              if (event.type === 'item-started' || event.type === 'item-finished') {
                progress.report({
                  message: describeEachProgress(state, Date.now()),
                  ...(event.type === 'item-finished'
                    ? { increment: 100 / plan.sources.length }
                    : {}),
                });
              }
            },
          });
        } finally {
          tracked.dispose();
          cancelled.dispose();
        }
      },
    );
    if (outcome.summary.counts.done === outcome.summary.counts.total) await plans.remove(id);
    const reports = outcome.items.map(
      (item): EachItemReport => ({
        source: item.input,
        outputs: item.delivered?.delivery.outputs.map((output) => output.location) ?? [],
        outcome: item.outcome,
      }),
    );
    showEachResults(services, outcome.summary, reports, prepared.secrets);
    return { summary: outcome.summary, reports };
  } catch (error) {
    // The estimate was not confirmed: nothing was sent, and nothing needs saying.
    if (isRetouchError(error) && error.code === 'cancelled') return undefined;
    showEditError(services.log, error, prepared.secrets, providerId);
    return undefined;
  }
}
