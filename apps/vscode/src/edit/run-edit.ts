import { randomUUID } from 'node:crypto';
import {
  costOfEdit,
  type EditImageOptions,
  type EditProgressEvent,
  editImage,
  isRetouchError,
  type JobHandle,
  type MarkupDelivery,
  markupDeliveryFor,
  markupEditInputs,
  sniffImage,
} from '@retouch/core';
import { outputFormatFor, probeOutputFolder, recordedOptions } from '@retouch/output';
import * as vscode from 'vscode';
import { modelPricing } from '../each/cost-settings.js';
import type { HistoryEntry } from '../history/history-entry.js';
import type { PendingJob } from '../jobs/pending-job-store.js';
import { followToTheEnd } from '../jobs/resume-pending-jobs.js';
import { vscodeOutputFileSystem } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import {
  builtInProviderConfig,
  keepInputWanted,
  outputFolderFor,
  partialImagesWanted,
  regionSettings,
} from '../settings.js';
import { cancelOutcomeOf, describeCancelOutcome } from './cancel-outcome.js';
import { rememberEndpointNeedsKey } from './check-api-key.js';
import { deliverEditResults, showResults } from './deliver-results.js';
import { PartialPreview } from './partial-preview.js';
import { type EditTarget, prepareSelectedModel } from './prepare-model.js';
import { baseName, readSource, type SourceImage } from './read-source.js';
import { showEditError } from './show-edit-error.js';
import { withEditProgress } from './with-edit-progress.js';

export interface EditPlan {
  target: EditTarget;
  sources: vscode.Uri[];
  mask?: vscode.Uri;
  /**
   * A copy of the (single) source with marks drawn on it, at its own size: sent in its place, or
   * after it to a model whose capabilities take a marked-up reference.
   */
  markup?: vscode.Uri;
  /** A re-run's recorded markup delivery and prompt as sent, so it sends exactly the same. */
  markupSent?: { delivery: MarkupDelivery; prompt: string };
  /** What the user asked for; with markup, it is framed so the model follows the marks. */
  prompt: string;
  options: EditImageOptions;
}

/** The images and prompt that go to the provider: the marked-up copy instead of the source. */
function sentInputs(
  plan: EditPlan,
  sources: SourceImage[],
  markup: SourceImage | undefined,
): { images: SourceImage[]; prompt: string; delivery?: MarkupDelivery } {
  if (!markup) return { images: sources, prompt: plan.prompt };
  const delivery = plan.markupSent?.delivery ?? markupDeliveryFor(plan.target.model.capabilities);
  const sent = markupEditInputs({
    instruction: plan.prompt,
    source: sources[0]!,
    markedUp: markup,
    delivery,
  });
  return { ...sent, prompt: plan.markupSent?.prompt ?? sent.prompt, delivery };
}

function shortened(prompt: string): string {
  return prompt.length > 48 ? `${prompt.slice(0, 47)}…` : prompt;
}

/** Streams partial images only when the model can and the user wants them. */
function withPartialImages(plan: EditPlan): EditImageOptions {
  const streaming = plan.target.model.capabilities.streaming;
  const wanted = partialImagesWanted();
  if (!streaming || wanted < 1 || plan.options.partialImages !== undefined) return plan.options;
  return { ...plan.options, partialImages: Math.min(wanted, streaming.partialImages) };
}

/**
 * Runs one edit end to end: check that the results can be written, read the inputs, call the
 * engine under a progress notification, keep queue handles in workspace state while the job
 * runs, write the results, open the compares. Reports every outcome itself (a cancel says what
 * came of it; an error offers Retry where that helps); resolves the history entry when at least
 * one result was saved. A job whose cancel came too late is followed to its end.
 */
export async function runEdit(
  services: RetouchServices,
  plan: EditPlan,
): Promise<HistoryEntry | undefined> {
  const { prepared, model } = plan.target;
  const providerId = prepared.entry.plugin.id;
  const providerName = prepared.entry.plugin.displayName;
  const editId = randomUUID();
  const firstSource = plan.sources[0]!;
  // Kept whatever happens next, so a failed edit's prompt is one Enter away.
  void services.history.rememberPrompt(plan.prompt);
  const outputFolder = outputFolderFor(firstSource);
  if ('error' in outputFolder) {
    services.log.error(outputFolder.error);
    void vscode.window.showErrorMessage(`Retouch: ${outputFolder.error}`);
    return undefined;
  }
  const title = `Retouch: ${shortened(plan.prompt)}`;
  const preview = new PartialPreview(services, baseName(firstSource));
  let sent = false;
  const startedJobs: PendingJob[] = [];
  let stillRunning: JobHandle[] = [];
  try {
    // Before anything is sent and paid for.
    await probeOutputFolder(vscodeOutputFileSystem, outputFolder, {
      field: 'retouch.outputFolder',
      advice: 'Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
    });
    const sources = await Promise.all(plan.sources.map(readSource));
    const mask = plan.mask ? await readSource(plan.mask) : undefined;
    const markup = plan.markup ? await readSource(plan.markup) : undefined;
    const toSend = sentInputs(plan, sources, markup);
    const recordedSources = sources.map((source) => source.record);
    // The record pins the marked-up copy and keeps the prompt as sent, so a re-run is exact.
    const recordedMarkup =
      markup && toSend.delivery
        ? { ...markup.record, delivery: toSend.delivery, sentPrompt: toSend.prompt }
        : undefined;
    const planned = withPartialImages(plan);
    const options: EditImageOptions = {
      ...planned,
      outputFormat: outputFormatFor({
        requested: planned.outputFormat,
        sourceMediaType: sniffImage(sources[0]!.data)?.mediaType,
        capabilities: model.capabilities,
        background: planned.background,
        outputCompression: planned.outputCompression,
      }),
    };
    const recorded = recordedOptions(options);
    services.log.info(
      `Edit ${editId}: "${plan.prompt}" on ${sources.map((s) => s.name).join(', ')}${markup ? ` marked up as ${markup.name}` : ''}${mask ? ` with mask ${mask.name}` : ''} using ${providerId}:${model.id} ${JSON.stringify(recorded)}`,
      prepared.secrets,
    );
    const onEvent = (event: EditProgressEvent) => {
      if (event.type === 'validated') sent = true;
      if (event.type === 'job-started') {
        const job: PendingJob = {
          handle: event.handle,
          editId,
          prompt: plan.prompt,
          provider: providerId,
          model: model.id,
          options: recorded,
          sources: recordedSources,
          ...(mask ? { mask: mask.record } : {}),
          ...(recordedMarkup ? { markup: recordedMarkup } : {}),
          outputFolder: outputFolder.toString(),
          sourceName: sources[0]!.name,
          createdAt: new Date().toISOString(),
        };
        startedJobs.push(job);
        void services.pendingJobs.add(job);
      }
      if (event.type === 'partial-image') preview.show(event);
    };
    const result = await withEditProgress(services, title, onEvent, ({ signal, onProgress }) =>
      editImage({
        provider: prepared.provider,
        model: model.id,
        prompt: toSend.prompt,
        images: toSend.images.map((image) => ({ data: image.data, filename: image.name })),
        ...(mask ? { mask: { data: mask.data, filename: mask.name } } : {}),
        ...options,
        ...(keepInputWanted() ? { keepInput: true } : {}),
        region: regionSettings(),
        signal,
        onProgress,
      }),
    );
    preview.dispose();
    const baseURL = prepared.entry.builtIn ? builtInProviderConfig(providerId).baseURL : undefined;
    const delivered = await deliverEditResults(services, {
      editId,
      prompt: plan.prompt,
      ...(typeof baseURL === 'string' ? { baseURL } : {}),
      options,
      sources: recordedSources,
      ...(mask ? { mask: mask.record } : {}),
      ...(recordedMarkup ? { markup: recordedMarkup } : {}),
      outputFolder,
      sourceName: sources[0]!.name,
      result,
      secrets: prepared.secrets,
      cost: costOfEdit({
        pricing: modelPricing(model, services.log),
        result,
        size: options.size,
        quality: options.quality,
      }),
    });
    await showResults(services, delivered);
    return delivered.entry;
  } catch (error) {
    preview.dispose();
    const cancel = cancelOutcomeOf(error, { sent });
    if (cancel) {
      services.log.info(`Edit ${editId}: cancel ${cancel.outcome}.`);
      void vscode.window.showInformationMessage(describeCancelOutcome(cancel, providerName));
      stillRunning = cancel.stillRunning;
    } else {
      if (isRetouchError(error) && error.code === 'authentication') {
        void rememberEndpointNeedsKey(services, plan.target);
      }
      showEditError(services.log, error, prepared.secrets, providerId, {
        providerName,
        retry: () => retryEdit(services, plan),
      });
    }
    return undefined;
  } finally {
    // Finished, failed or cancelled: nothing is left to resume, except a job that could not be
    // cancelled any more. A window reload never gets here.
    await services.pendingJobs.removeEdit(editId, stillRunning);
    const follow = startedJobs.filter((job) =>
      stillRunning.some((handle) => handle.id === job.handle.id),
    );
    if (follow.length > 0) void followToTheEnd(services, follow);
  }
}

/** Retry: the same edit, with the provider created again (its key may have just been set). */
async function retryEdit(services: RetouchServices, plan: EditPlan): Promise<void> {
  const target = await prepareSelectedModel(services, plan.sources[0], {
    provider: plan.target.prepared.entry.plugin.id,
    model: plan.target.model.id,
  });
  if (target) await runEdit(services, { ...plan, target });
}
