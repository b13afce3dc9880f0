import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { EditInputError } from '../edit/edit-input-error.js';
import { type EditResult, renderEdit, renderPartial } from '../edit/render-edit.js';
import { signImage } from '../sign/sign-image.js';
import { checkEditLimits, type EditOptions } from './check-edit-limits.js';
import type { RecordedRequest } from './emulator-state.js';
import {
  type EditRequest,
  EditRequestError,
  parseJson,
  parseMultipart,
} from './parse-edit-request.js';
import { jsonReply, openAiError, type Reply, sseFrame, sseReply } from './reply-helpers.js';
import type { RouteContext } from './route-context.js';

export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const OUTPUT_TOKENS: Record<string, number> = { low: 272, medium: 1056, high: 4160 };

function echoedQuality(quality: string): 'low' | 'medium' | 'high' {
  return quality === 'low' || quality === 'high' ? quality : 'medium';
}

/**
 * The size OpenAI echoes: the requested one, else `auto`; never the emulator's output size (the
 * input's, which real models do not produce). `ImagesResponse.size` has no `auto`, so a JSON
 * answer leaves `size` out then; stream events say `auto`, as their schema allows.
 */
function echoedSize(options: EditOptions): string {
  return options.size ?? 'auto';
}

/** Deterministic token usage in the spec's `ImageGenUsage` shape. */
function usage(options: EditOptions, result: EditResult, inputs: number) {
  const [w, h] = result.size.split('x').map(Number) as [number, number];
  const perImage = Math.max(
    16,
    Math.round((OUTPUT_TOKENS[echoedQuality(options.quality)]! * w * h) / (1024 * 1024)),
  );
  const textTokens = Math.ceil(options.prompt.length / 4);
  const imageTokens = 323 * inputs;
  const outputTokens = perImage * result.images.length;
  return {
    input_tokens: textTokens + imageTokens,
    output_tokens: outputTokens,
    total_tokens: textTokens + imageTokens + outputTokens,
    input_tokens_details: { text_tokens: textTokens, image_tokens: imageTokens },
  };
}

/** What the edit was, kept on the request log so a test can see how the client sent it. */
/** What answering an edit needs: a live request has it all; a batch line has an id of its own. */
type EditContext = Pick<RouteContext, 'origin' | 'state' | 'requestId'> &
  Partial<Pick<RouteContext, 'fault'>>;

function logEdit(ctx: EditContext, edit: NonNullable<RecordedRequest['edit']>): void {
  const record = ctx.state.requests.find((request) => request.requestId === ctx.requestId);
  if (record) record.edit = edit;
}

/** A markup layer is drawn over the first image, so it must have its size. */
async function checkMarkupSize(image: Buffer, markup: Buffer): Promise<void> {
  const [a, b] = await Promise.all(
    [image, markup].map((bytes) =>
      sharp(bytes)
        .metadata()
        .catch(() => undefined),
    ),
  );
  if (a && b && (a.width !== b.width || a.height !== b.height)) {
    throw new EditRequestError(
      `Invalid file 'markup': it is ${b.width}x${b.height} but the image is ${a.width}x${a.height}; they must match.`,
      'markup',
      'invalid_image_dimensions',
    );
  }
}

async function parse(ctx: RouteContext) {
  const contentType = String(ctx.req.headers['content-type'] ?? '');
  const body = await ctx.body();
  if (/^multipart\/form-data/i.test(contentType)) return parseMultipart(body, contentType);
  if (/^application\/json/i.test(contentType))
    return parseJson(body, MAX_IMAGE_BYTES, (id) => ctx.state.openAiFiles.bytes(id));
  throw new EditRequestError(
    `Invalid Content-Type '${contentType || '(none)'}': send multipart/form-data or application/json.`,
    null,
    'invalid_content_type',
  );
}

/** `POST /v1/images/edits`: OpenAI's image edit, answered as JSON or as server-sent events. */
export async function handleImagesEdits(ctx: RouteContext): Promise<Reply> {
  let request: EditRequest;
  try {
    request = await parse(ctx);
  } catch (error) {
    if (error instanceof EditRequestError || error instanceof EditInputError) {
      return openAiError(400, error.message, { param: error.param, code: error.code });
    }
    throw error;
  }
  return answerEdit(request, ctx);
}

/** Edits a parsed request and answers as the live endpoint does (a batch line uses it too). */
export async function answerEdit(request: EditRequest, ctx: EditContext): Promise<Reply> {
  let options: EditOptions;
  let result: EditResult;
  let inputs: number;
  try {
    options = checkEditLimits(request);
    if (options.isDalle2) {
      const meta = await sharp(request.images[0]!)
        .metadata()
        .catch(() => undefined);
      if (meta && meta.width !== meta.height) {
        throw new EditRequestError(
          "Invalid file 'image': dall-e-2 needs a square image.",
          'image',
          'invalid_image_dimensions',
        );
      }
    }
    if (request.markup) await checkMarkupSize(request.images[0]!, request.markup);
    inputs = request.images.length;
    result = await renderEdit({
      prompt: options.prompt,
      images: request.images,
      mask: request.mask,
      markup: request.markup,
      n: options.n,
      model: options.model,
      size: options.size,
      background: options.background,
      outputFormat: options.outputFormat,
      outputCompression: options.outputCompression,
      exifOrientation: ctx.state.config.exifOrientation,
    });
    const signed = ctx.fault?.sign === true || ctx.state.config.signOutputs === true;
    if (signed && !options.isDalle2) {
      for (const image of result.images) {
        image.bytes = signImage(image.bytes, image.format, {
          model: options.model,
          requestId: ctx.requestId,
        });
      }
    }
    logEdit(ctx, {
      model: options.model,
      ...(request.parts ? { parts: request.parts } : {}),
      ...(request.files ? { files: request.files } : {}),
      outputs: result.images.map((image) => createHash('sha256').update(image.bytes).digest('hex')),
      ...(result.markup
        ? {
            markup: {
              delivery: result.markup.delivery,
              markedPixels: result.markup.markedPixels,
              regionPixels: result.markup.regionPixels,
            },
          }
        : {}),
      signed: signed && !options.isDalle2,
    });
  } catch (error) {
    if (error instanceof EditRequestError || error instanceof EditInputError) {
      return openAiError(400, error.message, { param: error.param, code: error.code });
    }
    throw error;
  }
  const created = Math.floor(Date.now() / 1000);
  if (options.stream) return streamReply(options, result, inputs, created);
  const data = result.images.map((image) => {
    if (options.responseFormat === 'url') {
      const file = ctx.state.files.put(image.bytes, image.mediaType, image.format);
      return { url: `${ctx.origin}/files/${file.id}` };
    }
    return { b64_json: image.bytes.toString('base64') };
  });
  if (options.isDalle2) return jsonReply(200, { created, data });
  return jsonReply(200, {
    created,
    data,
    background: result.background,
    output_format: result.outputFormat,
    ...(echoedSize(options) === 'auto' ? {} : { size: echoedSize(options) }),
    quality: echoedQuality(options.quality),
    usage: usage(options, result, inputs),
  });
}

function streamReply(
  options: EditOptions,
  result: EditResult,
  inputs: number,
  created: number,
): Reply {
  const common = {
    created_at: created,
    size: echoedSize(options),
    quality: echoedQuality(options.quality),
    background: result.background,
    output_format: result.outputFormat,
  };
  async function* events(): AsyncGenerator<string> {
    for (const image of result.images) {
      for (let index = 0; index < options.partialImages; index++) {
        const partial = await renderPartial(
          image,
          index,
          options.partialImages,
          options.outputCompression,
        );
        yield sseFrame(
          {
            type: 'image_edit.partial_image',
            b64_json: partial.toString('base64'),
            ...common,
            partial_image_index: index,
          },
          'image_edit.partial_image',
        );
      }
      yield sseFrame(
        {
          type: 'image_edit.completed',
          b64_json: image.bytes.toString('base64'),
          ...common,
          usage: usage(options, { ...result, images: [image] }, inputs),
        },
        'image_edit.completed',
      );
    }
  }
  return sseReply(events());
}
