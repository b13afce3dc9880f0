import { randomUUID } from 'node:crypto';
import type { EditImageResult } from '@retouch/core';
import * as vscode from 'vscode';
import type {
  EditRecord,
  RecordedFile,
  RecordedOptions,
  RecordedOutput,
} from '../history/edit-record.js';
import { sidecarName } from '../output/next-output-uri.js';
import { sidecarJson } from '../output/sidecar.js';
import { vscodeOutputFileSystem } from '../output/vscode-output-file-system.js';
import { writeFileAtomic, writeNewOutput } from '../output/write-atomic.js';
import type { RetouchServices } from '../services.js';
import { besideColumn } from './beside-column.js';

export interface Delivery {
  editId?: string;
  prompt: string;
  provider: string;
  model: string;
  options: RecordedOptions;
  sources: RecordedFile[];
  mask?: RecordedFile;
  outputFolder: vscode.Uri;
  /** The first source's file name; results are named after it. */
  sourceName: string;
  result: EditImageResult;
  secrets: readonly string[];
}

function extensionFor(mediaType: string, sourceName: string): string {
  const sourceExtension = sourceName.slice(sourceName.lastIndexOf('.') + 1).toLowerCase();
  switch (mediaType) {
    case 'image/jpeg':
      return sourceExtension === 'jpeg' ? 'jpeg' : 'jpg';
    case 'image/webp':
      return 'webp';
    case 'image/gif':
      return 'gif';
    default:
      return 'png';
  }
}

/**
 * Writes each result image under a fresh `name.retouch-N.ext` (atomically, never overwriting),
 * a sidecar beside it, and one history entry for the edit.
 */
export async function deliverResults(
  services: RetouchServices,
  delivery: Delivery,
): Promise<EditRecord> {
  const { result, outputFolder } = delivery;
  const outputs: RecordedOutput[] = [];
  for (const image of result.images) {
    const extension = extensionFor(image.mediaType, delivery.sourceName);
    const written = await writeNewOutput(
      vscodeOutputFileSystem,
      outputFolder,
      delivery.sourceName,
      'retouch',
      extension,
      image.data,
    );
    outputs.push({
      uri: written.location.toString(),
      name: written.name,
      mediaType: image.mediaType,
      width: image.width,
      height: image.height,
    });
    services.log.info(
      `Wrote ${vscode.workspace.asRelativePath(written.location, true)} (${image.width}x${image.height}).`,
    );
  }
  const revisedPrompt = result.images.find((image) => image.revisedPrompt)?.revisedPrompt;
  const record: EditRecord = {
    version: 1,
    id: delivery.editId ?? randomUUID(),
    createdAt: new Date().toISOString(),
    prompt: delivery.prompt,
    ...(revisedPrompt ? { revisedPrompt } : {}),
    provider: delivery.provider,
    model: delivery.model,
    options: delivery.options,
    sources: delivery.sources,
    ...(delivery.mask ? { mask: delivery.mask } : {}),
    ...(result.requestId ? { requestId: result.requestId } : {}),
    outputs,
    warnings: result.warnings.map((warning) => warning.message),
  };
  for (const output of outputs) {
    const json = sidecarJson(record, output, outputFolder.toString(), delivery.secrets);
    await writeFileAtomic(
      vscodeOutputFileSystem,
      outputFolder,
      sidecarName(output.name),
      new TextEncoder().encode(json),
    );
  }
  await services.history.add(record);
  return record;
}

/**
 * Opens the first result in a before/after compare beside the original, and says what was
 * written. The notification is not awaited.
 */
export async function showResults(record: EditRecord): Promise<void> {
  const first = record.outputs[0];
  const original = record.sources[0];
  if (!first || !original) return;
  const before = vscode.Uri.parse(original.uri);
  const after = vscode.Uri.parse(first.uri);
  await vscode.commands.executeCommand(
    'vscode.diff',
    before,
    after,
    `${original.name} ↔ ${first.name} (Retouch)`,
    {
      viewColumn: besideColumn(),
      preview: false,
    } satisfies vscode.TextDocumentShowOptions,
  );
  const names = record.outputs.map((output) => output.name).join(', ');
  void vscode.window
    .showInformationMessage(`Retouch: wrote ${names}`, 'Open Result', 'Reveal in Explorer')
    .then((action) => {
      if (action === 'Open Result') void vscode.commands.executeCommand('vscode.open', after);
      if (action === 'Reveal in Explorer')
        void vscode.commands.executeCommand('revealInExplorer', after);
    });
}
