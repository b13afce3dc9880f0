import {
  type CheckEditInputsRequest,
  checkEditInputs,
  type ImageInput,
  type ModelInfo,
  type RequestIssue,
} from '@retouch/core';
import { describeIssue } from '@retouch/session';
import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { showAdvice, showEditError } from '../ui/show-edit-error.js';
import type { EditTarget } from './prepare-model.js';
import { baseName } from './read-source.js';

/** A local file is read from disk by the engine (its head only, here); anything else in full. */
async function imageInput(uri: vscode.Uri): Promise<ImageInput> {
  if (uri.scheme === 'file') return { path: uri.fsPath };
  return { data: await vscode.workspace.fs.readFile(uri), filename: baseName(uri) };
}

/** A model that takes any image the engine can read: what is still wrong is the files' fault. */
function anyModel(model: ModelInfo): ModelInfo {
  return {
    id: model.id,
    capabilities: {
      ...model.capabilities,
      inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
      maxInputBytes: Number.MAX_SAFE_INTEGER,
      maxInputImages: Number.MAX_SAFE_INTEGER,
      squareInputsOnly: false,
      mask: true,
    },
  };
}

/** Whether another model would take inputs with these problems. */
async function anotherModelCouldHelp(
  request: CheckEditInputsRequest,
  issues: readonly RequestIssue[],
): Promise<boolean> {
  const key = (issue: RequestIssue) => `${issue.field}\u0000${issue.message}`;
  const remaining = new Set(
    (await checkEditInputs({ ...request, model: anyModel(request.model) })).map(key),
  );
  return issues.some((issue) => !remaining.has(key(issue)));
}

/** Each image checked as an edit of its own; an issue names the image's place in the list. */
async function checkEachAlone(request: CheckEditInputsRequest): Promise<RequestIssue[]> {
  const images = Array.isArray(request.images) ? request.images : [request.images];
  const perImage = await Promise.all(
    images.map(async (image, index) =>
      (await checkEditInputs({ ...request, images: image })).map((issue) => ({
        ...issue,
        field: issue.field.replace(/^images(\[0\])?/, `images[${index}]`),
      })),
    ),
  );
  return perImage.flat();
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
  /** Edit Each: every image goes on its own, so each is checked alone (no combined count). */
  each = false,
): Promise<boolean> {
  const { plugin } = target.prepared.entry;
  let issues: RequestIssue[];
  let request: CheckEditInputsRequest;
  try {
    request = {
      model: target.model,
      images: await Promise.all(images.map(imageInput)),
      ...(mask ? { mask: await imageInput(mask) } : {}),
    };
    issues = each ? await checkEachAlone(request) : await checkEditInputs(request);
  } catch (error) {
    showEditError(services.log, error, target.prepared.secrets, plugin.id, {
      providerName: plugin.displayName,
    });
    return false;
  }
  if (issues.length === 0) return true;
  const names = images.length === 1 ? baseName(images[0]!) : 'these images';
  const modelCouldHelp = each
    ? true
    : await anotherModelCouldHelp(request, issues).catch(() => true);
  const message = modelCouldHelp
    ? `${target.model.id} cannot edit ${names}${mask ? ' with this mask' : ''}.`
    : `Retouch cannot use ${mask ? `this mask for ${names}` : names}.`;
  services.log.warn(
    `Refused before the prompt: ${message} ${issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
  );
  void showAdvice(
    services.log,
    {
      title: message,
      problems: issues.map(describeIssue),
      actions: modelCouldHelp ? ['select-model', 'show-log'] : ['show-log'],
    },
    { providerId: plugin.id },
  );
  return false;
}
