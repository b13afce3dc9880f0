import { checkEditInputs, type ImageInput } from '@retouch/core';
import * as vscode from 'vscode';
import type { RetouchServices } from '../services.js';
import type { EditTarget } from './prepare-model.js';
import { baseName } from './read-source.js';
import { showEditError, showSummary } from './show-edit-error.js';
import { describeIssue } from './summarise-error.js';

/** A local file is read from disk by the engine (its head only, here); anything else in full. */
async function imageInput(uri: vscode.Uri): Promise<ImageInput> {
  if (uri.scheme === 'file') return { path: uri.fsPath };
  return { data: await vscode.workspace.fs.readFile(uri), filename: baseName(uri) };
}

/**
 * Right after the images (and mask) are picked, before the prompt: the engine's own checks of
 * the inputs against the model (type, size, count, square-only models, the mask). Problems are
 * listed one per line, with Select Provider and Model. Resolves whether the edit can go on.
 */
export async function checkSources(
  services: RetouchServices,
  target: EditTarget,
  images: readonly vscode.Uri[],
  mask?: vscode.Uri,
): Promise<boolean> {
  const { plugin } = target.prepared.entry;
  let issues: Awaited<ReturnType<typeof checkEditInputs>>;
  try {
    issues = await checkEditInputs({
      model: target.model,
      images: await Promise.all(images.map(imageInput)),
      ...(mask ? { mask: await imageInput(mask) } : {}),
    });
  } catch (error) {
    showEditError(services.log, error, target.prepared.secrets, plugin.id, {
      providerName: plugin.displayName,
    });
    return false;
  }
  if (issues.length === 0) return true;
  const names = images.map(baseName).join(', ');
  const message = `${target.model.id} cannot edit ${images.length === 1 ? names : 'these images'}${mask ? ' with this mask' : ''}.`;
  services.log.warn(
    `Refused before the prompt: ${message} ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
  );
  void showSummary(
    services.log,
    {
      message,
      problems: issues.map(describeIssue),
      actions: ['select-provider-and-model', 'show-log'],
    },
    { providerId: plugin.id },
  );
  return false;
}
