import { randomUUID } from 'node:crypto';
import { type EachItem, sniffImage } from '@retouch/core';
import { type BatchApiEvent, runBatchApiEdit } from '@retouch/core/batch-api';
import {
  deliverResults,
  deliveryError,
  openBatchApiJournal,
  outputFormatFor,
  probeOutputFolder,
} from '@retouch/output';
import * as vscode from 'vscode';
import { readSource } from '../edit/read-source.js';
import { showEditError } from '../edit/show-edit-error.js';
import { historyEntryFromDelivery, recordToolName } from '../history/history-entry.js';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { builtInProviderConfig, outputFolderFor, outputSidecarWanted } from '../settings.js';
import { maxCostSetting, modelPricing } from './cost-settings.js';
import { EachPlanStore } from './each-plan.js';
import type { EachPlan, EachRun } from './run-each-edit.js';
import { type EachItemReport, showEachResults } from './show-each-results.js';

/** What the notification says while a batch is on the server. */
export function describeBatchProgress(event: BatchApiEvent): string | undefined {
  if (event.type === 'batch-submitted') {
    return `sent ${event.requests} to OpenAI's Batch API: results within 24 h`;
  }
  if (event.type === 'batch-status') {
    const { completed, failed, total } = event.counts;
    const state = event.status === 'validating' ? 'being checked' : event.status.replace('_', ' ');
    return `batch ${state}: ${completed + failed} of ${total || '…'} processed`;
  }
  return undefined;
}

/**
 * Edit Each on the provider's Batch API, at half the price, within 24 h: the same job as
 * `runEachEdit`, through core's `runBatchApiEdit`, with its journal beside the outputs. The plan
 * stays in workspace state until every result is written, so after a reload Resume follows the
 * same batch instead of sending it again.
 */
export async function runBatchApiEach(
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
  try {
    for (const folder of new Set([...folders.values()].map((uri) => uri.toString()))) {
      await probeOutputFolder(fs, vscode.Uri.parse(folder), {
        field: 'retouch.outputFolder',
        advice:
          'Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
      });
    }
    const mask = plan.mask ? await readSource(plan.mask) : undefined;
    const journalFolder = folders.get(plan.sources[0]!.toString())!;
    const journal = await openBatchApiJournal(fs, journalFolder, {
      batch: {
        provider: providerId,
        model: model.id,
        prompt: plan.prompt,
        options: plan.options,
        ...(mask ? { maskSha256: mask.record.sha256 } : {}),
      },
    });
    for (const note of journal.notes) services.log.warn(note);
    const items: Array<EachItem & { source: vscode.Uri; sha256: string }> = [];
    for (const source of plan.sources) {
      const read = await readSource(source);
      items.push({
        key: fs.relative(journalFolder, source) ?? source.toString(),
        source,
        sha256: read.record.sha256,
        contentHash: read.record.sha256,
        images: source.scheme === 'file' ? source.fsPath : { data: read.data, filename: read.name },
        options: {
          outputFormat: outputFormatFor({
            requested: plan.options.outputFormat,
            sourceMediaType: sniffImage(read.data)?.mediaType,
            capabilities: model.capabilities,
            background: plan.options.background,
            outputCompression: plan.options.outputCompression,
          }),
        },
      });
    }
    await plans.save({
      id,
      provider: providerId,
      model: model.id,
      prompt: plan.prompt,
      options: plan.options,
      sources: plan.sources.map(String),
      ...(plan.mask ? { mask: plan.mask.toString() } : {}),
      batch: true,
      createdAt: new Date().toISOString(),
    });
    const reports = new Map<string, EachItemReport>();
    const baseURL = prepared.entry.builtIn ? builtInProviderConfig(providerId).baseURL : undefined;
    const title = `Retouch: Edit Each "${plan.prompt.length > 40 ? `${plan.prompt.slice(0, 39)}…` : plan.prompt}" at half price`;
    services.log.info(
      `Edit Each ${id} on the Batch API: "${plan.prompt}" on ${items.length} images using ${providerId}:${model.id}.`,
      prepared.secrets,
    );
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort());
        const tracked = services.running.add(title, () => controller.abort());
        progress.report({ message: `preparing ${items.length} images…` });
        try {
          return await runBatchApiEdit({
            provider: prepared.provider,
            model: model.id,
            prompt: plan.prompt,
            ...plan.options,
            ...(mask ? { mask: { data: mask.data, filename: mask.name } } : {}),
            items,
            pricing: modelPricing(model, services.log),
            maxCost: maxCostSetting(),
            journal,
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
                  : describeBatchProgress(event);
              if (message) progress.report({ message });
            },
            async deliver(item, result, cost) {
              const source = items.find((candidate) => candidate.key === item.key);
              const sourceUri = source?.source ?? vscode.Uri.joinPath(journalFolder, item.key);
              const folder = folders.get(sourceUri.toString()) ?? journalFolder;
              const recorded = {
                uri: sourceUri.toString(),
                name: fs.baseName(sourceUri),
                sha256: source?.sha256 ?? item.contentHash ?? '',
              };
              const delivery = await deliverResults({
                fs,
                folder,
                sourceName: recorded.name,
                result,
                edit: {
                  editId: randomUUID(),
                  tool: { name: recordToolName, version: version(services) },
                  prompt: plan.prompt,
                  ...(typeof baseURL === 'string' ? { baseURL } : {}),
                  options: { ...plan.options, ...source?.options },
                  sources: [{ location: sourceUri, sha256: recorded.sha256 }],
                  ...(mask ? { mask: { location: mask.uri, sha256: mask.record.sha256 } } : {}),
                  cost,
                },
                sidecar: outputSidecarWanted(folder),
                rescueFolder: vscode.Uri.joinPath(services.context.globalStorageUri, 'rescued'),
                secrets: prepared.secrets,
              });
              for (const note of delivery.notes) services.log.warn(note);
              const entry = historyEntryFromDelivery(delivery, {
                sources: [recorded],
                ...(mask ? { mask: mask.record } : {}),
              });
              if (entry) await services.history.add(entry);
              const problem = deliveryError(fs, delivery);
              reports.set(item.key, {
                source: sourceUri,
                outputs: delivery.outputs.map((output) => output.location),
              });
              if (delivery.outputs.length === 0 && problem) throw problem;
              return {
                outputs: delivery.outputs.map((output) => output.location.toString()),
                ...(problem ? { problem } : {}),
              };
            },
          });
        } finally {
          tracked.dispose();
          cancelled.dispose();
        }
      },
    );
    await journal.flush();
    const open = journal.parts().some((part) => !part.delivered);
    if (!open && summary.counts.done === summary.counts.total) {
      // Every result is written: nothing to resume, and no journal left beside the results.
      await plans.remove(id);
      await journal.discard().catch(() => undefined);
    }
    const ordered = items.map((item, index) => ({
      ...(reports.get(item.key) ?? { source: item.source, outputs: [] }),
      outcome: summary.items[index]!,
    }));
    showEachResults(services, summary, ordered, prepared.secrets);
    return { summary, reports: ordered };
  } catch (error) {
    showEditError(services.log, error, prepared.secrets, providerId);
    return undefined;
  }
}

function version(services: RetouchServices): string {
  return (services.context.extension.packageJSON as { version?: string }).version ?? 'unknown';
}
