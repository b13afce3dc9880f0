import type { EditCall } from '../contract/edit-call.js';
import type { EditImageRequest } from '../contract/edit-request.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { EditWarning } from '../contract/warning.js';
import { editImage, sentUnframed } from '../engine/edit-image.js';
import { RetouchError } from '../errors/retouch-error.js';

class Captured extends RetouchError {
  constructor(
    provider: string,
    readonly call: EditCall,
  ) {
    super({ code: 'cancelled', provider, message: 'captured for a batch: nothing is sent' });
  }
}

/**
 * The one provider call `editImage()` would make for this request, after everything it does
 * before sending (inputs read, prepared and checked, options validated against the model): a
 * batch line is built from it, so a batch edit is checked exactly as a live one. An edit that
 * would take several calls (`n` above what one call returns) is refused: one item, one line.
 */
export async function captureEditCall(
  request: Omit<EditImageRequest, 'onProgress' | 'signal'>,
): Promise<{ call: EditCall; warnings: EditWarning[] }> {
  const { provider } = request;
  const warnings: EditWarning[] = [];
  let calls = 1;
  const standIn: ImageEditProvider = {
    specificationVersion: provider.specificationVersion,
    id: provider.id,
    models: provider.models,
    ...(provider.describeModel ? { describeModel: provider.describeModel.bind(provider) } : {}),
    secrets: provider.secrets ?? [],
    edit: async (call) => {
      if (calls > 1) {
        throw new RetouchError({
          code: 'invalid_request',
          provider: provider.id,
          message: `A batch edit makes one call per image; ask for at most ${call.n} images (--n) per edit.`,
          issues: [{ field: 'n', message: 'over one call' }],
        });
      }
      throw new Captured(provider.id, call);
    },
  };
  try {
    const captured: EditImageRequest = {
      ...request,
      provider: standIn,
      maxRetries: 0,
      onProgress: (event) => {
        if (event.type === 'validated') calls = event.calls;
        if (event.type === 'warning') warnings.push(event.warning);
      },
    };
    // A batch answer is written as it comes: nothing would crop padding off or put a region back.
    sentUnframed.add(captured);
    await editImage(captured);
  } catch (error) {
    if (error instanceof Captured) return { call: error.call, warnings };
    throw error;
  }
  throw new Error('the stand-in provider was never called');
}
