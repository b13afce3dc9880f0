import { isRetouchError, resumeEdit } from '@retouch/core';
import * as vscode from 'vscode';
import { deliverEditResults, showResults } from '../edit/deliver-results.js';
import { showEditError } from '../edit/show-edit-error.js';
import { withEditProgress } from '../edit/with-edit-progress.js';
import type { RetouchServices } from '../services.js';
import { builtInProviderConfig } from '../settings.js';
import type { PendingJob } from './pending-job-store.js';

const resuming = new Set<string>();

/**
 * Picks up queue jobs a previous window started (their handles are in workspace state), follows
 * them with progress, and writes their results like any other edit. A job is forgotten once it
 * completes, fails or is cancelled; one that cannot be reached right now stays for later.
 */
export async function resumePendingJobs(
  services: RetouchServices,
  trigger: 'activation' | 'command',
): Promise<void> {
  const pending = services.pendingJobs.list().filter((job) => !resuming.has(job.handle.id));
  // A plugin's jobs wait until the extension that registers it has done so.
  const jobs = pending.filter((job) => services.providers.get(job.handle.provider));
  for (const job of pending.filter((candidate) => !jobs.includes(candidate))) {
    services.log.info(
      `Job ${job.handle.id} waits for provider ${job.handle.provider} to be registered.`,
    );
  }
  if (jobs.length === 0) {
    if (trigger === 'command') {
      void vscode.window.showInformationMessage(
        pending.length === 0
          ? 'Retouch: no pending jobs to resume.'
          : `Retouch: ${pending.length} pending ${pending.length === 1 ? 'job waits' : 'jobs wait'} for a provider that is not installed or not active.`,
      );
    }
    return;
  }
  services.log.info(
    `Resuming ${jobs.length} pending ${jobs.length === 1 ? 'job' : 'jobs'} (${trigger}).`,
  );
  await Promise.all(jobs.map((job) => resumeOne(services, job)));
}

async function resumeOne(services: RetouchServices, job: PendingJob): Promise<void> {
  resuming.add(job.handle.id);
  let secrets: string[] = [];
  try {
    const prepared = await services.providers.prepare(job.handle.provider, (held) =>
      services.log.requestLogger(held),
    );
    secrets = prepared.secrets;
    const title = `Retouch: resuming "${job.prompt.length > 40 ? `${job.prompt.slice(0, 39)}…` : job.prompt}"`;
    const result = await withEditProgress(
      services,
      title,
      () => undefined,
      ({ signal, onProgress }) =>
        resumeEdit({ provider: prepared.provider, handle: job.handle, signal, onProgress }),
    );
    const baseURL = prepared.entry.builtIn
      ? builtInProviderConfig(job.handle.provider).baseURL
      : undefined;
    // Already paid for: no probe; a folder that fails now sends the result to the fallback.
    const delivered = await deliverEditResults(services, {
      editId: `${job.editId}-${job.handle.id}`,
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
    });
    await services.pendingJobs.remove(job.handle);
    await showResults(services, delivered);
  } catch (error) {
    const reachable = !(
      isRetouchError(error) && ['network', 'timeout', 'server'].includes(error.code)
    );
    if (reachable) {
      await services.pendingJobs.remove(job.handle);
      showEditError(services.log, error, secrets, job.handle.provider);
    } else {
      services.log.warn(
        `Could not reach ${job.handle.provider} to resume job ${job.handle.id}; kept for later.`,
      );
      void vscode.window.showWarningMessage(
        `Retouch: could not reach ${job.handle.provider} to resume "${job.prompt}". Run "Retouch: Resume Pending Jobs" to try again.`,
      );
    }
  } finally {
    resuming.delete(job.handle.id);
  }
}
