import type { EditImageRequest } from '../contract/edit-request.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { EditWarning } from '../contract/warning.js';
import { assertProvider } from '../engine/assert-provider.js';
import { markDryRun } from '../engine/dry-run.js';
import { editImage } from '../engine/edit-image.js';
import { RetouchError } from '../errors/retouch-error.js';

export interface CheckedEdit {
  /** Provider calls the edit would make (`n` split over the model's images per call). */
  calls: number;
  warnings: EditWarning[];
}

/** Thrown by the stand-in provider: the engine got as far as sending. */
class ReachedProvider extends RetouchError {
  constructor(provider: string) {
    super({ code: 'cancelled', provider, message: 'dry run: nothing is sent' });
  }
}

/**
 * Runs everything `editImage()` does before it sends anything (the model, every input and the
 * mask read and checked, every option validated against the model) and stops there: nothing
 * reaches the provider. It rejects exactly as `editImage()` would for a request it refuses.
 */
export async function checkEdit(
  request: Omit<EditImageRequest, 'onProgress' | 'signal'>,
): Promise<CheckedEdit> {
  assertProvider(request.provider);
  const standIn = standInFor(request.provider);
  let calls = 1;
  const warnings: EditWarning[] = [];
  try {
    await editImage(
      markDryRun({
        ...request,
        provider: standIn,
        maxRetries: 0,
        onProgress: (event) => {
          if (event.type === 'validated') calls = event.calls;
          if (event.type === 'warning') warnings.push(event.warning);
        },
      }),
    );
  } catch (error) {
    if (error instanceof ReachedProvider) return { calls, warnings };
    throw error;
  }
  throw new Error('the stand-in provider was never called');
}

/** The provider's models and checks, with every call that would reach the server refused. */
function standInFor(provider: ImageEditProvider): ImageEditProvider {
  const refuse = async (): Promise<never> => {
    throw new ReachedProvider(provider.id);
  };
  return {
    specificationVersion: provider.specificationVersion,
    id: provider.id,
    models: provider.models,
    ...(provider.describeModel ? { describeModel: provider.describeModel.bind(provider) } : {}),
    edit: refuse,
    ...(provider.jobs
      ? {
          jobs: {
            start: refuse,
            watch: () => ({ [Symbol.asyncIterator]: refuse }) as never,
            result: refuse,
            cancel: async () => 'unknown' as const,
          },
        }
      : {}),
    secrets: provider.secrets ?? [],
  };
}
