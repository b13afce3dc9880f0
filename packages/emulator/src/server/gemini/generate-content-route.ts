import sharp from 'sharp';
import { EditInputError } from '../../edit/edit-input-error.js';
import { renderEdit } from '../../edit/render-edit.js';
import { jsonReply, type Reply } from '../reply.js';
import type { RouteContext } from '../route-context.js';
import { googleError } from './gemini-errors.js';
import { findGeminiModel, type GeminiImageModel, outputSize } from './gemini-models.js';
import {
  type GenerateEditRequest,
  GenerateRequestError,
  parseGenerateRequest,
} from './parse-generate-request.js';

/**
 * What Google's filters say, triggered by words in the prompt so tests can reach them: `unsafe`
 * blocks the prompt itself (`promptFeedback.blockReason`), `nsfw` lets the model run and then
 * withholds its image (`finishReason: IMAGE_SAFETY`).
 */
const blockedPrompt = /\bunsafe\b/i;
const filteredImage = /\bnsfw\b/i;

const imageSafetyMessage =
  "Unable to show the generated image. The image was filtered out because it violated Google's Generative AI Prohibited Use policy. You will not be charged for blocked images. Try rephrasing the prompt.";

/** `POST …/models/{model}:generateContent` (Gemini API and Vertex AI paths alike). */
export async function handleGenerateContent(ctx: RouteContext, modelName: string): Promise<Reply> {
  const model = findGeminiModel(modelName);
  if (!model) {
    return googleError(
      404,
      `models/${modelName} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
    );
  }
  let request: GenerateEditRequest;
  try {
    request = parseGenerateRequest(await ctx.body(), model);
  } catch (error) {
    if (error instanceof GenerateRequestError) return googleError(400, error.message);
    throw error;
  }
  const responseId = ctx.requestId.slice(4, 26);
  const base = { modelVersion: model.name, responseId };
  const textTokens = Math.ceil(request.prompt.length / 4);
  const inputImageTokens = 560 * (request.images.length + (request.mask ? 1 : 0));
  const promptTokens = textTokens + inputImageTokens;
  const promptDetails = [
    { modality: 'TEXT', tokenCount: textTokens },
    ...(inputImageTokens > 0 ? [{ modality: 'IMAGE', tokenCount: inputImageTokens }] : []),
  ];
  if (blockedPrompt.test(request.prompt)) {
    return jsonReply(200, {
      promptFeedback: {
        blockReason: 'SAFETY',
        safetyRatings: [
          { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true },
        ],
      },
      usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens },
      ...base,
    });
  }
  if (filteredImage.test(request.prompt) && request.wantsImage) {
    return jsonReply(200, {
      candidates: [{ finishReason: 'IMAGE_SAFETY', finishMessage: imageSafetyMessage, index: 0 }],
      usageMetadata: { promptTokenCount: promptTokens, totalTokenCount: promptTokens },
      ...base,
    });
  }
  if (!request.wantsImage) {
    const text = 'This request asked for text only, so no image was made.';
    return answer(base, [{ text }], promptDetails, { text: 12 });
  }
  let png: Buffer;
  try {
    png = await renderImage(request, model);
  } catch (error) {
    if (error instanceof EditInputError) return googleError(400, error.message);
    throw error;
  }
  const tier = (request.imageSize ?? '1K') as keyof GeminiImageModel['imageTokens'];
  const imageTokens = model.imageTokens[tier] ?? model.imageTokens['1K'];
  const parts: unknown[] = [];
  if (request.wantsText) parts.push({ text: 'Here is the edited image.' });
  parts.push({ inlineData: { mimeType: 'image/png', data: png.toString('base64') } });
  return answer(base, parts, promptDetails, {
    image: imageTokens,
    text: request.wantsText ? 6 : 0,
  });
}

async function renderImage(request: GenerateEditRequest, model: GeminiImageModel): Promise<Buffer> {
  const images =
    request.images.length > 0
      ? request.images
      : [
          await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ffffff' } })
            .png()
            .toBuffer(),
        ];
  const first = await sharp(images[0]!)
    .metadata()
    .catch(() => ({ width: 1, height: 1 }));
  const [width, height] = outputSize(model, request.aspectRatio, request.imageSize, {
    width: first.width ?? 1,
    height: first.height ?? 1,
  });
  const result = await renderEdit({
    prompt: request.prompt,
    images,
    mask: request.mask,
    size: `${width}x${height}`,
    outputFormat: 'png',
  });
  return result.images[0]!.bytes;
}

function answer(
  base: Record<string, unknown>,
  parts: unknown[],
  promptDetails: Array<{ modality: string; tokenCount: number }>,
  output: { text?: number; image?: number },
): Reply {
  const promptTokens = promptDetails.reduce((sum, detail) => sum + detail.tokenCount, 0);
  const outputTokens = (output.text ?? 0) + (output.image ?? 0);
  const details = [
    ...(output.text ? [{ modality: 'TEXT', tokenCount: output.text }] : []),
    ...(output.image ? [{ modality: 'IMAGE', tokenCount: output.image }] : []),
  ];
  return jsonReply(200, {
    candidates: [{ content: { role: 'model', parts }, finishReason: 'STOP', index: 0 }],
    usageMetadata: {
      promptTokenCount: promptTokens,
      promptTokensDetails: promptDetails,
      candidatesTokenCount: outputTokens,
      totalTokenCount: promptTokens + outputTokens,
      candidatesTokensDetails: details,
    },
    ...base,
  });
}
