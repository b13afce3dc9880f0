import { randomUUID } from 'node:crypto';
import { type EditImageOptions, isRetouchError, type JobHandle } from '@retouch/core';
import {
  cancelOutcomeOf,
  describeCancelOutcome,
  pendingEditOf,
  type EditPlan as SessionPlan,
  type SessionProgressEvent,
} from '@retouch/session';
import * as vscode from 'vscode';
import { editSession, historyEntryFrom } from '../host/edit-session.js';
import { pendingJobOf } from '../host/pending-job-of.js';
import { modelPricing } from '../host/pricing.js';
import type { RetouchServices } from '../host/services.js';
import {
  builtInProviderConfig,
  keepInputWanted,
  outputFolderFor,
  partialImagesWanted,
  regionSettings,
} from '../host/settings.js';
import type { HistoryEntry } from '../host/state/history-entry.js';
import type { PendingJob } from '../host/state/pending-job-store.js';
import { candidatesFolder, type StudioTarget, studioTargetOf } from '../host/studio-target.js';
import { keptJobs } from '../jobs/kept-jobs.js';
import { followToTheEnd, resumePendingJobs } from '../jobs/resume-pending-jobs.js';
import { confirmSendCost } from '../ui/confirm-send-cost.js';
import { showEditError } from '../ui/show-edit-error.js';
import { showInStudio } from '../ui/show-in-studio.js';
import { showResults } from '../ui/show-results.js';
import { withEditProgress } from '../ui/with-edit-progress.js';
import { rememberEndpointNeedsKey } from './check-api-key.js';
import { PartialPreview } from './partial-preview.js';
import { type EditTarget, prepareSelectedModel } from './prepare-model.js';
import { baseName, readSource, type SourceImage } from './read-source.js';

/** A Studio following an edit it sent. */
export interface EditObserver {
  progress(event: SessionProgressEvent): void;
  /** Said once, however the edit ended: done, cancelled (and what came of it), failed. */
  finished(text: string, ok: boolean): void;
}

export interface EditPlan {
  target: EditTarget;
  sources: vscode.Uri[];
  mask?: vscode.Uri;
  /**
   * A copy of the (single) source with marks drawn on it, at its own size: sent in its place, or
   * after it to a model whose capabilities take a marked-up reference.
   */
  markup?: vscode.Uri;
  /**
   * The marks alone on a transparent layer, for a model that takes markup as its own layer
   * (gpt-image-2.6); without it such a model gets the marked-up copy, as every model can.
   */
  markupLayer?: Uint8Array;
  /** A re-run's recorded markup delivery and prompt as sent, so it sends exactly the same. */
  markupSent?: SessionPlan<vscode.Uri>['markupSent'];
  /** What the user asked for; with markup, it is framed so the model follows the marks. */
  prompt: string;
  options: EditImageOptions;
  /** Chosen beforehand when something is stored under it first (a Studio's painted mask). */
  editId?: string;
  /** Results go to the Studio whatever `retouch.results` says (an edit sent from the Studio). */
  studio?: boolean;
  /** The Studio that sent the edit: it shows the progress and the outcome in place. */
  observer?: EditObserver;
  /** Cancels the edit, as the progress notification's Cancel does. */
  signal?: AbortSignal;
  /** `always`: show the estimate and ask even below `retouch.confirmCostAbove` (a re-run). */
  confirmCost?: 'always';
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
 * Runs one edit through the session under a progress notification: the session checks that the
 * results can be written, sends the edit and writes the results; this keeps queue handles in
 * workspace state while a job runs, shows partial images, and opens the compares. Reports every
 * outcome itself (a cancel says what came of it; an error offers Retry where that helps);
 * resolves the history entry when at least one result was saved. A job whose cancel came too
 * late is followed to its end.
 */
export async function runEdit(
  services: RetouchServices,
  plan: EditPlan,
): Promise<HistoryEntry | undefined> {
  const { prepared, model } = plan.target;
  const providerId = prepared.entry.plugin.id;
  const providerName = prepared.entry.plugin.displayName;
  const editId = plan.editId ?? randomUUID();
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
  const startedJobs: PendingJob[] = [];
  let stillRunning: JobHandle[] = [];
  let keptForLater: JobHandle[] = [];
  let sent = false;
  try {
    // Read once here: the hashes pin the inputs in a pending job's record, before it is sent.
    const read = await Promise.all(
      [...plan.sources, plan.mask, plan.markup].flatMap((uri) => (uri ? [readSource(uri)] : [])),
    );
    const hashes = new Map(read.map((source) => [source.uri.toString(), source.record.sha256]));
    const hashOf = (uri: vscode.Uri | undefined) => (uri ? hashes.get(uri.toString()) : undefined);
    const sources = read.slice(0, plan.sources.length);
    if (!(await confirmSendCost(services, plan, sources, plan.confirmCost === 'always'))) {
      plan.observer?.finished('Not sent: the estimated cost was not confirmed.', false);
      return undefined;
    }
    const studio = await storeFor(services, plan, sources[0]!);
    const session = editSession(services, { secrets: prepared.secrets, hashes });
    const baseURL = prepared.entry.builtIn ? builtInProviderConfig(providerId).baseURL : undefined;
    const planned = await session.plan({
      provider: prepared.provider,
      model: model.id,
      prompt: plan.prompt,
      images: plan.sources,
      ...(plan.mask ? { mask: plan.mask } : {}),
      ...(plan.markup ? { markup: plan.markup } : {}),
      ...(plan.markup && plan.markupLayer
        ? {
            markupLayer: {
              data: plan.markupLayer,
              filename: baseName(plan.markup).replace(/\.png$/i, '.layer.png'),
            },
          }
        : {}),
      ...(plan.markupSent ? { markupSent: plan.markupSent } : {}),
      options: withPartialImages(plan),
      outputFolder: () => outputFolder,
      pricing: modelPricing(model, services.log),
      ...(typeof baseURL === 'string' ? { endpoint: baseURL } : {}),
      // In Studio mode the session keeps the results as candidates in the store, not beside.
      ...(studio
        ? { candidates: { ...studio, providerName, modelName: model.displayName ?? model.id } }
        : {}),
      ...(keepInputWanted() ? { keepInput: true } : {}),
      region: regionSettings(),
    });
    const outcome = await withEditProgress(
      services,
      title,
      (event) => {
        if (event.type === 'validated') sent = true;
        if (event.type === 'partial-image' && !plan.observer) preview.show(event);
        plan.observer?.progress(event);
        if (event.type === 'job-started') {
          const pending = pendingEditOf(planned, {
            handle: event.handle,
            editId,
            hashes: {
              images: plan.sources.map((source) => hashOf(source) ?? ''),
              ...(plan.mask ? { mask: hashOf(plan.mask) ?? '' } : {}),
              ...(plan.markup ? { markup: hashOf(plan.markup) ?? '' } : {}),
            },
          });
          const job = pendingJobOf(pending, { provider: providerId, model: model.id });
          startedJobs.push(job);
          void services.pendingJobs.add(job);
        }
      },
      ({ signal, onProgress }) => session.edit(planned, { signal, onProgress, editId }),
      plan.signal ? { signal: plan.signal } : {},
    );
    // The compares open where the preview stands, and only then is it closed. Closing it first
    // raced the workbench, which may still be opening it (under load it then failed to claim its
    // webview, "OverlayWebview has been disposed"), with the compares opening into that group.
    if (studio && outcome.delivered.candidates) {
      preview.dispose();
      await showInStudio(services, studio, outcome.delivered);
    } else {
      await showResults(services, outcome.delivered, preview.viewColumn);
      preview.dispose();
    }
    const entry = historyEntryFrom(outcome.delivered);
    plan.observer?.finished(
      entry ? 'Done.' : 'No result could be saved; see the notification.',
      entry !== undefined,
    );
    return entry;
  } catch (error) {
    preview.dispose();
    const cancel = cancelOutcomeOf(error, { sent });
    if (cancel) {
      services.log.info(`Edit ${editId}: cancel ${cancel.outcome}.`);
      const said = describeCancelOutcome(cancel, providerName);
      void vscode.window.showInformationMessage(said);
      plan.observer?.finished(said.replace(/^Retouch: /, ''), false);
      stillRunning = cancel.stillRunning;
    } else {
      if (isRetouchError(error) && error.code === 'authentication') {
        void rememberEndpointNeedsKey(services, plan.target);
      }
      plan.observer?.finished('The edit failed; the notification says why.', false);
      keptForLater = keptJobs(error);
      if (keptForLater.length > 0) {
        services.log.warn(
          `Edit ${editId}: kept job ${keptForLater.map((job) => job.id).join(', ')} to follow later.`,
        );
      }
      showEditError(services.log, error, prepared.secrets, providerId, {
        providerName,
        // A job still on the server is followed again, not submitted (and paid for) twice.
        retry:
          keptForLater.length > 0
            ? () => resumePendingJobs(services, 'command')
            : () => retryEdit(services, plan),
      });
    }
    return undefined;
  } finally {
    // Finished, failed or cancelled: nothing is left to resume, except a job that could not be
    // cancelled any more, or one kept when the server could not be reached (Retry follows it). A
    // window reload never gets here.
    await services.pendingJobs.removeEdit(editId, [...stillRunning, ...keptForLater]);
    const follow = startedJobs.filter((job) =>
      stillRunning.some((handle) => handle.id === job.handle.id),
    );
    if (follow.length > 0) void followToTheEnd(services, follow);
  }
}

/**
 * Where the results go in Studio mode (`retouch.results`, or an edit sent from the Studio): the
 * store of the image's workspace folder, made now so that it is there before anything is paid
 * for. Undefined for files beside the image: that setting, an image outside the workspace, or a
 * store that cannot be made (the results then still go somewhere, as files).
 */
async function storeFor(
  services: RetouchServices,
  plan: EditPlan,
  first: SourceImage,
): Promise<StudioTarget | undefined> {
  const studio = await studioTargetOf(plan, first);
  if (!studio) return undefined;
  try {
    await candidatesFolder(studio);
    return studio;
  } catch (error) {
    services.log.error(
      `The Studio's folder could not be made (${error instanceof Error ? error.message : String(error)}); the results are written as files instead.`,
    );
    return undefined;
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
