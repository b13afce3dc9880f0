import { randomUUID } from 'node:crypto';
import { sniffImage } from '@retouch/core/provider';
import { clearMarks, editFolder, readStoredEdit } from '@retouch/output';
import * as vscode from 'vscode';
import { checkSources } from '../edit/check-sources.js';
import { prepareEdit } from '../edit/prepare-edit.js';
import { type EditObserver, runEdit } from '../edit/run-edit.js';
import type { RetouchServices } from '../host/services.js';
import { vscodeOutputFileSystem as fs } from '../host/workspace-fs/vscode-output-file-system.js';
import { sentOptions } from './sent-options.js';

import type { StudioImage } from './studio-view.js';

export interface StudioSend {
  prompt: string;
  options: Record<string, string | number>;
  /** Refine: the candidate to edit instead of the image. */
  source?: string;
  mask?: Uint8Array;
  /** The source with the marks drawn on it, at its size: a PNG. */
  markup?: Uint8Array;
}

/** The image an edit from the Studio starts from: the Studio's image, or a candidate (Refine). */
export async function sourceOf(image: StudioImage, candidateId?: string): Promise<vscode.Uri> {
  if (!candidateId) return image.uri;
  const [editId, index] = candidateId.split('/');
  const edit = await readStoredEdit(fs, image.root, editId ?? '');
  const candidate = edit?.candidates.find((entry) => entry.index === Number(index));
  if (!candidate) throw new Error('That candidate is no longer in the Studio.');
  return candidate.location;
}

/**
 * Sends an edit from the Studio: the same checks and run as *Edit Image…*, with the painted mask
 * kept in the store beside the candidates it makes (never beside the image), results going to
 * the Studio whatever `retouch.results` says, and progress shown in place.
 */
export async function sendFromStudio(
  services: RetouchServices,
  image: StudioImage,
  send: StudioSend,
  observer: EditObserver,
  signal: AbortSignal,
): Promise<void> {
  const source = await sourceOf(image, send.source);
  const target = await prepareEdit(services, [source]);
  if (!target) {
    observer.finished('Not sent: see the notification.', false);
    return;
  }
  const editId = randomUUID();
  const painted: { mask?: vscode.Uri; markup?: vscode.Uri } = {};
  if (send.mask || send.markup) {
    const sourceSize = sniffImage(await vscode.workspace.fs.readFile(source));
    const folder = await editFolder(fs, image.root, editId);
    await fs.createFolder(folder);
    for (const kind of ['mask', 'markup'] as const) {
      const png = send[kind];
      if (!png) continue;
      const sniffed = sniffImage(png);
      if (
        sniffed?.mediaType !== 'image/png' ||
        sniffed.width !== sourceSize?.width ||
        sniffed.height !== sourceSize?.height
      ) {
        observer.finished(`Not sent: the painted ${kind} does not match the image.`, false);
        return;
      }
      painted[kind] = vscode.Uri.joinPath(folder, `${kind}.png`);
      await vscode.workspace.fs.writeFile(painted[kind], png);
    }
  }
  const { mask, markup } = painted;
  if (mask) {
    if (!(await checkSources(services, target, [source], mask))) {
      observer.finished('Not sent: see the notification.', false);
      return;
    }
  }
  const entry = await runEdit(services, {
    target,
    sources: [source],
    ...(mask ? { mask } : {}),
    ...(markup ? { markup } : {}),
    prompt: send.prompt,
    options: sentOptions(send.options),
    editId,
    studio: true,
    observer,
    signal,
  });
  // Sent and kept: the marks did their job.
  if (entry && (mask || markup)) await clearMarks(fs, image.root, send.source ?? image.chainRoot);
}
