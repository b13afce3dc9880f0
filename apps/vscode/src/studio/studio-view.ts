import { open } from 'node:fs/promises';
import type { ModelInfo } from '@retouch/core';
import { sniffImage } from '@retouch/core/provider';
import {
  type CandidateManifest,
  candidateChain,
  listStoredEdits,
  loadMarks,
  type StoredEdit,
} from '@retouch/output';
import { formatCost } from '@retouch/session';
import * as vscode from 'vscode';
import { findModel, prepareProvider } from '../host/prepare-provider.js';
import type { RetouchServices } from '../host/services.js';
import { optionDefaults, selectedProviderAndModel } from '../host/settings.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { buildOptionSteps } from '../ui/option-steps.js';
import { configuredPresets } from '../ui/prompt-presets.js';
import type { StudioEdit, StudioOption, StudioSource, StudioView } from './studio-messages.js';
import { previewRef } from './studio-previews.js';

/** The Studio's image: its workspace folder and path from there. */
export interface StudioImage {
  uri: vscode.Uri;
  root: vscode.Uri;
  chainRoot: string;
}

/** What the person chose in this Studio that is not in the store. */
export interface StudioChoices {
  /** Refine: the candidate the next edit starts from. */
  source?: string;
  prompt?: string;
  options?: Record<string, string | number>;
}

export interface SelectedModel {
  model?: ModelInfo;
  label: string;
  problem?: string;
}

/** The selected provider and model, quietly: the Studio shows a problem instead of a toast. */
export async function selectedModel(
  services: RetouchServices,
  scope: vscode.Uri,
): Promise<SelectedModel> {
  const selection = selectedProviderAndModel(scope);
  try {
    const prepared = await prepareProvider(services, selection.provider);
    const model = findModel(prepared.provider, selection.model);
    const provider = prepared.entry.plugin.displayName;
    if (!model) {
      return {
        label: provider,
        problem: `${provider} does not offer the selected model. Run Retouch: Select Provider and Model.`,
      };
    }
    return { model, label: `${model.displayName ?? model.id} on ${provider}` };
  } catch (error) {
    services.log.warn(`Studio: ${error instanceof Error ? error.message : String(error)}`);
    return {
      label: 'No provider',
      problem: 'The selected provider is not available. Run Retouch: Select Provider and Model.',
    };
  }
}

function age(createdAt: string): string {
  const minutes = Math.round((Date.now() - Date.parse(createdAt)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return new Date(createdAt).toLocaleDateString();
}

function summary(manifest: CandidateManifest): string {
  const cost = manifest.cost
    ? formatCost(manifest.cost as Parameters<typeof formatCost>[0])
    : undefined;
  return [manifest.modelName ?? manifest.model, age(manifest.createdAt), cost && `cost ${cost}`]
    .filter(Boolean)
    .join(' · ');
}

function quoted(prompt: string): string {
  return `“${prompt.length > 40 ? `${prompt.slice(0, 39)}…` : prompt}”`;
}

function fromText(edits: readonly StoredEdit<vscode.Uri>[], manifest: CandidateManifest): string {
  const source = manifest.source;
  if (!('candidate' in source)) return manifest.root.split('/').pop() ?? manifest.root;
  const parent = edits.find((edit) => edit.manifest.editId === source.candidate.editId);
  return parent
    ? `candidate ${source.candidate.index + 1} of ${quoted(parent.manifest.prompt)}`
    : 'an earlier candidate';
}

export function optionsRow(
  model: ModelInfo | undefined,
  scope: vscode.Uri,
  chosen: Record<string, string | number> = {},
): StudioOption[] {
  if (!model) return [];
  return buildOptionSteps(model.capabilities, optionDefaults(scope)).map((step) => {
    const wanted = chosen[step.key];
    const index = step.choices.findIndex((choice) => choice.value === wanted);
    return {
      key: step.key,
      label: step.title.replace('Number of Images', 'Images'),
      choices: step.choices.map((choice) => ({ label: choice.label, value: choice.value ?? null })),
      selected: wanted !== undefined && index >= 0 ? index : step.defaultIndex,
    };
  });
}

/** Enough of an image's head for its size (see sniffImage), without reading a 20 MB file. */
const headBytes = 256 * 1024;

/**
 * The image's type and size from its head: a partial read where the file is on this host's disk,
 * the whole file through `workspace.fs` elsewhere (remote and virtual workspaces), or when the
 * head is not enough.
 */
export async function sniffImageFile(uri: vscode.Uri): Promise<ReturnType<typeof sniffImage>> {
  if (uri.scheme === 'file') {
    try {
      const handle = await open(uri.fsPath, 'r');
      try {
        const head = new Uint8Array(headBytes);
        const { bytesRead } = await handle.read(head, 0, headBytes, 0);
        const sniffed = sniffImage(head.subarray(0, bytesRead));
        if (sniffed || bytesRead < headBytes) return sniffed;
      } finally {
        await handle.close();
      }
    } catch {
      // Read it the portable way below.
    }
  }
  return sniffImage(await vscode.workspace.fs.readFile(uri));
}

/**
 * The image's webview URI, with its size and modification time as a version: a Replace changes
 * it (so the page loads the new bytes), while opening the same file twice gives the same URI, so
 * the page can start loading it from its first HTML (see studio-html.ts) before the view comes.
 */
export async function imageWebviewUri(webview: vscode.Webview, uri: vscode.Uri): Promise<string> {
  const stat = await vscode.workspace.fs.stat(uri);
  return webview.asWebviewUri(uri.with({ query: `v=${stat.size}-${stat.mtime}` })).toString();
}

/** The Studio's whole view, built from the store, the settings and this Studio's choices. */
export async function buildStudioView(
  services: RetouchServices,
  webview: vscode.Webview,
  image: StudioImage,
  choices: StudioChoices,
  model: SelectedModel,
): Promise<StudioView> {
  const [sniffed, imageUri] = await Promise.all([
    sniffImageFile(image.uri),
    imageWebviewUri(webview, image.uri),
  ]);
  const asUri = (uri: vscode.Uri) => webview.asWebviewUri(uri).toString();
  const edits = await listStoredEdits(fs, image.root, { chainRoot: image.chainRoot });
  const preview = (location: vscode.Uri, size: { width: number; height: number }) =>
    previewRef(webview, image.root, location, size);
  const shown: StudioEdit[] = (
    await Promise.all(
      edits.map(async (edit) => ({
        editId: edit.manifest.editId,
        prompt: edit.manifest.prompt,
        summary: summary(edit.manifest),
        from: fromText(edits, edit.manifest),
        candidates: await Promise.all(
          edit.candidates
            .filter((candidate) => candidate.status !== 'discarded')
            .map(async (candidate) => ({
              ...(await preview(candidate.location, candidate)),
              id: candidate.id,
              uri: asUri(candidate.location),
              file: candidate.file,
              width: candidate.width,
              height: candidate.height,
              status: candidate.status,
              keptAs: candidate.keptAs,
              chain: candidateChain(edits, candidate).map((step) =>
                step.kind === 'image' ? step.name : quoted(step.prompt),
              ),
            })),
        ),
      })),
    )
  )
    .filter((edit) => edit.candidates.length > 0)
    .reverse();
  let source: StudioSource | undefined;
  if (choices.source) {
    const candidate = edits
      .flatMap((edit) => edit.candidates)
      .find((entry) => entry.id === choices.source);
    const edit = edits.find((entry) => entry.manifest.editId === candidate?.editId);
    if (candidate && edit) {
      source = {
        ...(await preview(candidate.location, candidate)),
        candidateId: candidate.id,
        uri: asUri(candidate.location),
        width: candidate.width,
        height: candidate.height,
        label: `candidate ${candidate.index + 1} of ${quoted(edit.manifest.prompt)}`,
      };
    }
  }
  const marks = await loadMarks(fs, image.root, source?.candidateId ?? image.chainRoot);
  const size = { width: sniffed?.width ?? 0, height: sniffed?.height ?? 0 };
  return {
    type: 'view',
    image: {
      ...(await preview(image.uri, size)),
      name: image.chainRoot.split('/').pop() ?? image.chainRoot,
      uri: imageUri,
      ...size,
    },
    model: {
      label: model.label,
      mask: model.model?.capabilities.mask ?? false,
      ...(model.problem ? { problem: model.problem } : {}),
    },
    options: optionsRow(model.model, image.uri, choices.options),
    presets: configuredPresets(services.log, image.uri).map((preset) => ({
      name: preset.name,
      description: preset.description ?? '',
      prompt: preset.prompt,
    })),
    recent: services.history.recentPrompts().slice(0, 10),
    edits: shown,
    ...(source ? { source } : {}),
    ...(choices.prompt !== undefined ? { prompt: choices.prompt } : {}),
    ...(Array.isArray(marks) ? { marks } : {}),
  };
}
