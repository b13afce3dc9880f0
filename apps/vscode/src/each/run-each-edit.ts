import { randomUUID } from 'node:crypto';
import {
  type BatchSummary,
  type EachItem,
  type EditImageOptions,
  editEach,
  estimateEditCost,
  sniffImage,
} from '@retouch/core';
import {
  deliverResults,
  deliveryError,
  openBatchJournal,
  outputFormatFor,
  probeOutputFolder,
} from '@retouch/output';
import * as vscode from 'vscode';
import type { EditTarget } from '../edit/prepare-model.js';
import { readSource } from '../edit/read-source.js';
import { showEditError } from '../edit/show-edit-error.js';
import { historyEntryFromDelivery, recordToolName } from '../history/history-entry.js';
import { vscodeOutputFileSystem as fs } from '../output/vscode-output-file-system.js';
import type { RetouchServices } from '../services.js';
import { builtInProviderConfig, outputFolderFor, outputSidecarWanted } from '../settings.js';
import { maxCostSetting, modelPricing } from './cost-settings.js';
import { EachPlanStore } from './each-plan.js';
import { describeEachProgress } from './each-progress.js';
import { type EachItemReport, showEachResults } from './show-each-results.js';

export interface EachPlan {
  target: EditTarget;
  sources: vscode.Uri[];
  mask?: vscode.Uri;
  prompt: string;
  options: EditImageOptions;
  /** Set when this runs a stored batch again (Resume). */
  id?: string;
  /** On the provider's Batch API (see run-batch-api-each.ts). */
  batch?: boolean;
}

export interface EachRun {
  summary: BatchSummary;
  reports: EachItemReport[];
}

/**
 * Runs one Edit Each batch: every source edited on its own with the same prompt, mask and
 * options, through core's `editEach` (a few at a time behind one rate-limit gate, within
 * `retouch.maxCost`), under one cancellable notification. Each result is written beside its
 * source as it arrives; a journal beside the outputs lets Resume finish an interrupted batch.
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
    const journal = await openBatchJournal(fs, journalFolder, {
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
        // A local file streams from disk; anything else goes as the bytes already read.
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
      createdAt: new Date().toISOString(),
    });
    const reports = new Map<string, EachItemReport>();
    const pricing = modelPricing(model, services.log);
    const baseURL = prepared.entry.builtIn ? builtInProviderConfig(providerId).baseURL : undefined;
    const title = `Retouch: Edit Each "${plan.prompt.length > 40 ? `${plan.prompt.slice(0, 39)}…` : plan.prompt}"`;
    services.log.info(
      `Edit Each ${id}: "${plan.prompt}" on ${items.length} images using ${providerId}:${model.id}; estimate per edit: ${JSON.stringify(estimateEditCost({ model: model.id, pricing, n: plan.options.n, size: plan.options.size, quality: plan.options.quality }))}`,
      prepared.secrets,
    );
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const cancelled = token.onCancellationRequested(() => controller.abort());
        const tracked = services.running.add(title, () => controller.abort());
        let waiting: { text: string; until: number } | undefined;
        progress.report({ message: `0 of ${items.length} done · starting…` });
        try {
          return await editEach({
            provider: prepared.provider,
            model: model.id,
            prompt: plan.prompt,
            ...plan.options,
            ...(mask ? { mask: { data: mask.data, filename: mask.name } } : {}),
            items,
            concurrency: eachConcurrency(),
            pricing,
            maxCost: maxCostSetting(),
            journal,
            // A new Edit Each edits every image; only Resume skips what an earlier run did.
            fresh: plan.id === undefined,
            signal: controller.signal,
            onEvent: (event) => {
              if (event.type === 'rate-limited') {
                waiting = {
                  text: `waiting ${Math.ceil(event.waitMs / 1000)} s (rate limit)`,
                  until: Date.now() + event.waitMs,
                };
                services.log.warn(
                  `${title}: rate limited; every edit waits ${event.waitMs} ms, ${event.concurrency} at a time.`,
                );
              }
              if (event.type === 'journal-failed') services.log.warn(event.message);
              // From the first edit on, cancelling may come too late for some of them.
              if (event.type === 'item-started') tracked.markSent();
              if (event.type === 'item-started' || event.type === 'item-finished') {
                const note = waiting && Date.now() < waiting.until ? waiting.text : undefined;
                progress.report({
                  message: describeEachProgress(event.counts, note),
                  ...(event.type === 'item-finished' ? { increment: 100 / items.length } : {}),
                });
              }
            },
            async deliver(item, result, cost) {
              const source = items.find((candidate) => candidate.key === item.key)!;
              const folder = folders.get(source.source.toString())!;
              const editId = randomUUID();
              const recorded = {
                uri: source.source.toString(),
                name: fs.baseName(source.source),
                sha256: source.sha256,
              };
              const delivery = await deliverResults({
                fs,
                folder,
                sourceName: recorded.name,
                result,
                edit: {
                  editId,
                  tool: { name: recordToolName, version: version(services) },
                  prompt: plan.prompt,
                  ...(typeof baseURL === 'string' ? { baseURL } : {}),
                  options: { ...plan.options, ...item.options },
                  sources: [{ location: source.source, sha256: source.sha256 }],
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
                source: source.source,
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
    if (summary.counts.done === summary.counts.total) {
      // Nothing left to resume: keep neither the plan nor the journal beside the results.
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

function eachConcurrency(): number {
  return vscode.workspace.getConfiguration('retouch').get<number>('editEach.concurrency') ?? 4;
}

function version(services: RetouchServices): string {
  return (services.context.extension.packageJSON as { version?: string }).version ?? 'unknown';
}
