import { isRetouchError, resumeEdit } from '@retouch/core';
import * as vscode from 'vscode';
import { cancelOutcomeOf, describeCancelOutcome } from '../edit/cancel-outcome.js';
import { type DeliveryPlan, deliverEditResults, showResults } from '../edit/deliver-results.js';
import { showEditError } from '../edit/show-edit-error.js';
import { withEditProgress } from '../edit/with-edit-progress.js';
import { prepareProvider } from '../prepare-provider.js';
import type { RetouchServices } from '../services.js';
import { builtInProviderConfig } from '../settings.js';
import { deliverToStudio } from '../studio/deliver-to-studio.js';
import { restoredStudioTarget } from '../studio/studio-target.js';
import type { PendingJob } from './pending-job-store.js';

export type ResumeTrigger = 'start-up' | 'command';

/** Jobs this window follows right now, by provider and job id. */
const following = new Set<string>();

function keyOf(job: PendingJob): string {
  return `${job.handle.provider}\u0000${job.handle.id}`;
}

function quoted(prompt: string): string {
  return `“${prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt}”`;
}

/**
 * Picks up queue jobs a previous window started (their handles are in workspace state), follows
 * them with progress, and writes their results like any other edit. A job is forgotten once it
 * completes, fails or is cancelled; one that cannot be reached right now stays for later. At
 * start-up it says nothing unless there is something to resume; the command always answers.
 */
export async function resumePendingJobs(
  services: RetouchServices,
  trigger: ResumeTrigger,
): Promise<void> {
  const pending = services.pendingJobs.list();
  const busy = pending.filter((job) => following.has(keyOf(job)));
  const rest = pending.filter((job) => !following.has(keyOf(job)));
  // A plugin's jobs wait until the extension that registers it has done so.
  const ready = rest.filter((job) => services.providers.has(job.handle.provider));
  const waiting = rest.filter((job) => !ready.includes(job));
  for (const job of waiting) {
    services.log.info(
      `Job ${job.handle.id} waits for provider ${job.handle.provider} to be registered.`,
    );
  }
  if (ready.length === 0) {
    if (trigger === 'command') {
      void vscode.window.showInformationMessage(nothingToResume(busy.length, waiting.length));
    }
    return;
  }
  services.log.info(
    `Resuming ${ready.length} pending ${ready.length === 1 ? 'job' : 'jobs'} (${trigger}).`,
  );
  await Promise.all(
    ready.map((job) =>
      follow(services, job, {
        title: `Retouch: resuming ${quoted(job.prompt)}`,
        cancellable: true,
      }),
    ),
  );
}

/** A network, timeout or server failure: the job may be fine, so it is kept for later. */
function reachable(error: unknown): boolean {
  return !(isRetouchError(error) && ['network', 'timeout', 'server'].includes(error.code));
}

function nothingToResume(busy: number, waiting: number): string {
  if (waiting > 0) {
    return `Retouch: ${waiting} pending ${waiting === 1 ? 'job waits' : 'jobs wait'} for a provider that is not installed or not active.`;
  }
  if (busy > 0) {
    return `Retouch: ${busy === 1 ? 'the pending job is' : `all ${busy} pending jobs are`} already being resumed; the progress shows in its notification.`;
  }
  return 'Retouch: no pending jobs to resume.';
}

/**
 * Follows jobs whose cancel came too late (or was not confirmed) until they end, and saves their
 * results: they may be billed, so the result must not be lost. Not cancellable any more.
 */
export async function followToTheEnd(
  services: RetouchServices,
  jobs: readonly PendingJob[],
): Promise<void> {
  await Promise.all(
    jobs
      .filter((job) => !following.has(keyOf(job)))
      .map((job) =>
        follow(services, job, {
          title: `Retouch: finishing ${quoted(job.prompt)} (could not be cancelled)`,
          cancellable: false,
        }),
      ),
  );
}

async function follow(
  services: RetouchServices,
  job: PendingJob,
  how: { title: string; cancellable: boolean },
): Promise<void> {
  following.add(keyOf(job));
  let secrets: string[] = [];
  let providerName = job.handle.provider;
  let stillRunning = false;
  try {
    const prepared = await prepareProvider(services, job.handle.provider);
    secrets = prepared.secrets;
    providerName = prepared.entry.plugin.displayName;
    const result = await withEditProgress(
      services,
      how.title,
      () => undefined,
      ({ signal, onProgress }) =>
        resumeEdit({ provider: prepared.provider, handle: job.handle, signal, onProgress }),
      { alreadySent: true, cancellable: how.cancellable },
    );
    const baseURL = prepared.entry.builtIn
      ? builtInProviderConfig(job.handle.provider).baseURL
      : undefined;
    // Already paid for: no probe; a folder that fails now sends the result to the fallback.
    const plan: DeliveryPlan = {
      editId: `${job.editId}-${job.handle.id}`.replace(/[^\w.-]/g, '-').slice(0, 128),
      prompt: job.prompt,
      ...(typeof baseURL === 'string' ? { baseURL } : {}),
      options: job.options,
      sources: job.sources,
      ...(job.mask ? { mask: job.mask } : {}),
      ...(job.markup ? { markup: job.markup } : {}),
      outputFolder: vscode.Uri.parse(job.outputFolder),
      sourceName: job.sourceName,
      result,
      secrets,
    };
    // A job sent from the Studio (or in Studio mode) resumes into the Studio.
    const delivered = job.studio
      ? await deliverToStudio(services, restoredStudioTarget(job.studio), plan, {
          providerName,
          modelName: job.model,
        })
      : await deliverEditResults(services, plan);
    await services.pendingJobs.remove(job.handle);
    if (!job.studio) await showResults(services, delivered);
  } catch (error) {
    const cancel = cancelOutcomeOf(error, { sent: true });
    if (cancel) {
      services.log.info(`Job ${job.handle.id}: cancel ${cancel.outcome}.`);
      void vscode.window.showInformationMessage(describeCancelOutcome(cancel, providerName));
      stillRunning = cancel.stillRunning.length > 0;
      if (!stillRunning) await services.pendingJobs.remove(job.handle);
    } else if (reachable(error)) {
      await services.pendingJobs.remove(job.handle);
      showEditError(services.log, error, secrets, job.handle.provider, { providerName });
    } else {
      services.log.warn(
        `Could not reach ${job.handle.provider} to resume job ${job.handle.id}; kept for later.`,
      );
      void vscode.window
        .showWarningMessage(
          `Retouch: could not reach ${providerName} to finish ${quoted(job.prompt)}. Retouch tries again when it next starts.`,
          'Retry Now',
          'Show Log',
        )
        .then((action) => {
          if (action === 'Retry Now') void resumePendingJobs(services, 'command');
          if (action === 'Show Log') services.log.channel.show(true);
        });
    }
  } finally {
    following.delete(keyOf(job));
  }
  if (stillRunning) await followToTheEnd(services, [job]);
}
