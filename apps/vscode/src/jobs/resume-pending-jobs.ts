import { cancelOutcomeOf, describeCancelOutcome, keepPendingEdit } from '@retouch/session';
import * as vscode from 'vscode';
import { editSession } from '../host/edit-session.js';
import type { ResumeTrigger } from '../host/load-edit-runtime.js';
import { pendingEditFrom } from '../host/pending-job-of.js';
import { findModel, prepareProvider } from '../host/prepare-provider.js';
import { modelPricing } from '../host/pricing.js';
import type { RetouchServices } from '../host/services.js';
import { builtInProviderConfig } from '../host/settings.js';
import type { PendingJob } from '../host/state/pending-job-store.js';
import { showEditError } from '../ui/show-edit-error.js';
import { showResults } from '../ui/show-results.js';
import { withEditProgress } from '../ui/with-edit-progress.js';

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
    const baseURL = prepared.entry.builtIn
      ? builtInProviderConfig(job.handle.provider).baseURL
      : undefined;
    const model = findModel(prepared.provider, job.model);
    const pending = pendingEditFrom(job, {
      ...(typeof baseURL === 'string' ? { endpoint: baseURL } : {}),
      ...(model ? { pricing: modelPricing(model, services.log) } : {}),
    });
    // Already paid for: no probe; a folder that fails now sends the result to the fallback.
    const outcome = await withEditProgress(
      services,
      how.title,
      () => undefined,
      ({ signal, onProgress }) =>
        editSession(services, { secrets }).resume(prepared.provider, pending, {
          signal,
          onProgress,
        }),
      { alreadySent: true, cancellable: how.cancellable },
    );
    await services.pendingJobs.remove(job.handle);
    await showResults(services, outcome.delivered);
  } catch (error) {
    const cancel = cancelOutcomeOf(error, { sent: true });
    if (cancel) {
      services.log.info(`Job ${job.handle.id}: cancel ${cancel.outcome}.`);
      void vscode.window.showInformationMessage(describeCancelOutcome(cancel, providerName));
      stillRunning = cancel.stillRunning.length > 0;
      if (!stillRunning) await services.pendingJobs.remove(job.handle);
    } else if (!keepPendingEdit(error)) {
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
