import { EditInputError } from '../edit/edit-input-error.js';
import { renderEdit } from '../edit/render-edit.js';
import type { Job, JobOutcome } from '../queue/job.js';
import type { FileStore } from './file-store.js';
import type { QueueInput } from './parse-queue-input.js';
import { resolveImageRef } from './resolve-image-ref.js';

const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** Does a queue job's work: fetch the inputs, edit, and keep the outputs for `/files/{id}`. */
export async function runQueueJob(job: Job, files: FileStore): Promise<JobOutcome> {
  const input = job.input as QueueInput;
  try {
    const images = [];
    for (const [index, ref] of input.imageRefs.entries()) {
      images.push(await resolveImageRef(ref, `image_urls[${index}]`, MAX_IMAGE_BYTES));
    }
    const mask = input.maskRef
      ? await resolveImageRef(input.maskRef, 'mask_url', MAX_IMAGE_BYTES)
      : undefined;
    const result = await renderEdit({
      prompt: input.prompt,
      images,
      mask,
      n: input.n,
      size: input.size,
      background: input.background,
      outputFormat: input.outputFormat,
      outputCompression: input.outputCompression,
    });
    return {
      seed: result.seed,
      images: result.images.map((image, index) => {
        const file = files.put(image.bytes, image.mediaType, image.format);
        return {
          fileId: file.id,
          fileName: `${job.id}-${index}.${image.format}`,
          contentType: image.mediaType,
          width: image.width,
          height: image.height,
          fileSize: image.bytes.length,
        };
      }),
    };
  } catch (error) {
    if (!(error instanceof EditInputError)) throw error;
    const field = error.param.startsWith('mask') ? 'mask_url' : 'image_urls';
    return {
      failure: {
        httpStatus: 422,
        detail: [{ loc: ['body', field], msg: error.message, type: 'image_load_error' }],
        error: error.message,
        errorType: 'validation_error',
      },
    };
  }
}
