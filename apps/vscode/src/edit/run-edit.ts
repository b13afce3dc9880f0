import { randomUUID } from 'node:crypto';
import {
  costOfEdit,
  type EditImageOptions,
  type EditProgressEvent,
  editImage,
  type MarkupDelivery,
  markupDeliveryFor,
  markupEditInputs,
  sniffImage,
} from '@retouch/core';
import { outputFormatFor, probeOutputFolder, recordedOptions } from '@retouch/output';
import * as vscode from 'vscode';
import { modelPricing } from '../each/cost-settings.js';
import type { HistoryEntry } from '../history/history-entry.js';
import { vscodeOutputFileSystem } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { builtInProviderConfig, outputFolderFor, partialImagesWanted } from '../settings.js';
import { deliverEditResults, showResults } from './deliver-results.js';
import { closePartialImages, showPartialImage } from './partial-preview.js';
import type { EditTarget } from './prepare-model.js';
import { readSource, type SourceImage } from './read-source.js';
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
 * runs, write the results, open the compares. Reports every outcome itself; resolves the history
 * entry when at least one result was saved.
 */
export async function runEdit(
  services: RetouchServices,
  plan: EditPlan,
): Promise<HistoryEntry | undefined> {
  const { prepared, model } = plan.target;
  const providerId = prepared.entry.plugin.id;
  const editId = randomUUID();
  const firstSource = plan.sources[0]!;
  const outputFolder = outputFolderFor(firstSource);
  if ('error' in outputFolder) {
    services.log.error(outputFolder.error);
    void vscode.window.showErrorMessage(`Retouch: ${outputFolder.error}`);
    return undefined;
  }
  const title = `Retouch: ${shortened(plan.prompt)}`;
  try {
    // Before anything is sent and paid for.
    await probeOutputFolder(vscodeOutputFileSystem, outputFolder, {
      field: 'retouch.outputFolder',
      advice: 'Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
    });
    const sources = await Promise.all(plan.sources.map(readSource));
    const mask = plan.mask ? await readSource(plan.mask) : undefined;
    const markup = plan.markup ? await readSource(plan.markup) : undefined;
    const sent = sentInputs(plan, sources, markup);
    const recordedSources = sources.map((source) => source.record);
    // The record pins the marked-up copy and keeps the prompt as sent, so a re-run is exact.
    const recordedMarkup =
      markup && sent.delivery
        ? { ...markup.record, delivery: sent.delivery, sentPrompt: sent.prompt }
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
    const partials: Promise<void>[] = [];
    const onEvent = (event: EditProgressEvent) => {
      if (event.type === 'job-started') {
        void services.pendingJobs.add({
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
        });
      }
      if (event.type === 'partial-image') partials.push(showPartialImage(services, editId, event));
    };
    const result = await withEditProgress(services, title, onEvent, ({ signal, onProgress }) =>
      editImage({
        provider: prepared.provider,
        model: model.id,
        prompt: sent.prompt,
        images: sent.images.map((image) => ({ data: image.data, filename: image.name })),
        ...(mask ? { mask: { data: mask.data, filename: mask.name } } : {}),
        ...options,
        signal,
        onProgress,
      }),
    );
    await Promise.all(partials);
    await closePartialImages(services, editId);
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
    await closePartialImages(services, editId);
    showEditError(services.log, error, prepared.secrets, providerId);
    return undefined;
  } finally {
    // Finished, failed or cancelled: nothing is left to resume. A window reload never gets here.
    await services.pendingJobs.removeEdit(editId);
  }
}
