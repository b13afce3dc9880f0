import type { ModelInfo } from '../contract/capabilities.js';
import type { ImageInput } from '../contract/edit-request.js';
import type { RequestIssue } from '../errors/retouch-error.js';
import { checkMask } from '../inputs/check-mask.js';
import { checkMarkupLayer } from '../markup/check-markup-layer.js';
import { validationViews } from './inputs-to-send.js';
import { readInputs } from './read-inputs.js';
import { validateEditRequest } from './validate-request.js';

export interface CheckEditInputsRequest {
  model: ModelInfo;
  images: ImageInput | readonly ImageInput[];
  mask?: ImageInput;
  /** A marks layer (see `EditImageRequest.markup`). */
  markup?: ImageInput;
  signal?: AbortSignal;
  /** Largest image accepted from an http(s) input URL, in bytes. Default 50 MB. */
  maxDownloadBytes?: number;
  /** As `editImage()`'s: check the inputs as they are, not as they would be prepared. */
  keepInput?: boolean;
}

/** Fields of a request that describe its images, as `RequestIssue.field` names them. */
function isInputField(field: string): boolean {
  return (
    field === 'images' || field.startsWith('images[') || field === 'mask' || field === 'markup'
  );
}

/**
 * What `editImage()` would refuse about these images and this mask for `model`, before a prompt
 * or options exist: inputs that are missing or not images, their type, size and count, square-only
 * models, and the mask's type, alpha and dimensions. The same checks, read the same way, as the
 * engine makes before sending; an app calls this as soon as the user has picked the images.
 * Empty when the inputs fit. Aborts and failed downloads throw.
 */
export async function checkEditInputs(request: CheckEditInputsRequest): Promise<RequestIssue[]> {
  const signal = request.signal ?? new AbortController().signal;
  const inputs = await readInputs(request, signal);
  const views = validationViews(inputs, request.model.capabilities, request.keepInput === true);
  const validated = validateEditRequest({
    model: request.model,
    // Stands in for the prompt the user has not typed yet; only input issues are kept.
    prompt: 'prompt',
    options: {},
    images: views.images,
    mask: inputs.mask?.file,
    markup: inputs.markup?.file,
    requestedImages: inputs.requested,
  });
  const issues = [...inputs.issues, ...validated.issues.filter((i) => isInputField(i.field))];
  if (inputs.mask) issues.push(...(await checkMask(inputs.mask, views.firstForMask)));
  if (inputs.markup) issues.push(...(await checkMarkupLayer(inputs.markup, views.firstForMask)));
  return issues;
}
