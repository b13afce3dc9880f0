import {
  type CheckEditInputsRequest,
  checkEditInputs,
  type ImageEditProvider,
  type ModelInfo,
  type RequestIssue,
} from '@retouch/core';
import { describeIssue, type ErrorAdvice } from '../advice/error-advice.js';
import { exitCodes } from '../advice/exit-codes.js';
import { type ResolvedHost, resolveHost, type SessionHost } from '../host/session-host.js';
import { modelInfoOf, modelOf } from './model-of.js';

export interface CheckInputsRequest<Location> {
  provider: ImageEditProvider;
  model?: string;
  images: readonly Location[];
  mask?: Location;
  /** Every image goes on its own (a batch), so each is checked alone, without a combined count. */
  each?: boolean;
  /**
   * The inputs go exactly as they are (`--keep-input`, `retouch.keepInput`): checked as they are,
   * not as the engine would prepare them (a JPEG for a PNG-only model is then a problem).
   */
  keepInput?: boolean;
  signal?: AbortSignal;
}

/** What the inputs check found: nothing, or the problems with the advice both apps show. */
export type InputCheck = { ok: true } | { ok: false; issues: RequestIssue[]; advice: ErrorAdvice };

/**
 * Right after the images (and mask) are picked, before the prompt: the engine's own checks of
 * the inputs against the model (type, size, count, square-only models, the mask), read the way
 * the engine reads them. The advice offers another model only when one could take these inputs.
 * A read that fails for another reason (an abort, a failed download) throws.
 */
export async function checkInputs<Location>(
  host: SessionHost<Location> | ResolvedHost<Location>,
  request: CheckInputsRequest<Location>,
): Promise<InputCheck> {
  const resolved = 'sidecarFor' in host ? host : resolveHost(host);
  const id = modelOf(request.provider, request.model);
  const model = modelInfoOf(request.provider, id) ?? { id, capabilities: undefined };
  if (!model.capabilities) return { ok: true };
  const check: CheckEditInputsRequest = {
    model: model as ModelInfo,
    images: await Promise.all(request.images.map((image) => resolved.imageInput(image))),
    ...(request.mask === undefined ? {} : { mask: await resolved.imageInput(request.mask) }),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.keepInput ? { keepInput: true } : {}),
  };
  const issues = request.each ? await checkEachAlone(check) : await checkEditInputs(check);
  if (issues.length === 0) return { ok: true };
  const modelCouldHelp = request.each
    ? true
    : await anotherModelCouldHelp(check, issues).catch(() => true);
  const { fs } = resolved;
  const names = request.images.length === 1 ? fs.baseName(request.images[0]!) : 'these images';
  const mask = request.mask !== undefined;
  return {
    ok: false,
    issues,
    advice: {
      code: 'invalid_request',
      title: modelCouldHelp
        ? `${id} cannot edit ${names}${mask ? ' with this mask' : ''}.`
        : `Retouch cannot use ${mask ? `this mask for ${names}` : names}.`,
      detail: issues.map((issue) => `${issue.field}: ${issue.message}`).join('\n'),
      problems: issues.map(describeIssue),
      more: [],
      actions: modelCouldHelp ? ['select-model', 'show-log'] : ['show-log'],
      exitCode: exitCodes.invalidInput,
    },
  };
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
