import {
  type ImageUsage,
  type ProviderEditResult,
  type ProviderImage,
  RetouchError,
} from '@retouch/core/provider';
import { quote } from './map-google-error.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Proto JSON may spell a field either way: `inlineData` or `inline_data`. */
function field(object: Json, camel: string): unknown {
  return camel in object
    ? object[camel]
    : object[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

export interface ParseContext {
  provider: string;
  secrets: readonly string[];
  requestId: string | undefined;
  /** What was asked, echoed for cost and records: aspect ratio and image size. */
  echoed: Record<string, unknown>;
}

interface Candidate {
  images: ProviderImage[];
  text: string;
  finishReason?: string;
  finishMessage?: string;
}

const maxCandidates = 8;
const maxPartsPerCandidate = 64;

function readCandidate(value: unknown): Candidate {
  const candidate: Candidate = { images: [], text: '' };
  if (!isObject(value)) return candidate;
  const reason = field(value, 'finishReason');
  const message = field(value, 'finishMessage');
  if (typeof reason === 'string') candidate.finishReason = reason;
  if (typeof message === 'string') candidate.finishMessage = message;
  const content = field(value, 'content');
  const parts = isObject(content) ? field(content, 'parts') : undefined;
  if (!Array.isArray(parts)) return candidate;
  const texts: string[] = [];
  for (const part of parts.slice(0, maxPartsPerCandidate)) {
    // Gemini 3 image models think in drafts: parts marked `thought` are not the answer.
    if (!isObject(part) || part.thought === true) continue;
    const text = field(part, 'text');
    const inline = field(part, 'inlineData');
    if (typeof text === 'string') texts.push(text);
    else if (isObject(inline)) {
      const data = field(inline, 'data');
      const mimeType = field(inline, 'mimeType');
      if (typeof data !== 'string' || !String(mimeType ?? '').startsWith('image/')) continue;
      candidate.images.push({
        data: new Uint8Array(Buffer.from(data, 'base64')),
        ...(typeof mimeType === 'string' ? { mediaType: mimeType } : {}),
      });
    }
  }
  candidate.text = texts.join('\n').trim();
  return candidate;
}

/** `usageMetadata` as core's usage, split by modality the way core's cost reader expects. */
export function readUsage(metadata: unknown): ImageUsage | undefined {
  if (!isObject(metadata)) return undefined;
  const number = (key: string) => {
    const value = field(metadata, key);
    return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
  };
  const byModality = (key: string) => {
    const list = field(metadata, key);
    if (!Array.isArray(list)) return undefined;
    const counts = { text_tokens: 0, image_tokens: 0 };
    for (const item of list) {
      if (!isObject(item)) continue;
      const count = field(item, 'tokenCount');
      if (typeof count !== 'number') continue;
      if (item.modality === 'IMAGE') counts.image_tokens += count;
      else counts.text_tokens += count;
    }
    return counts;
  };
  const prompt = number('promptTokenCount');
  const output = (number('candidatesTokenCount') ?? 0) + (number('thoughtsTokenCount') ?? 0);
  const input = byModality('promptTokensDetails');
  const outputDetails = byModality('candidatesTokensDetails');
  const thoughts = number('thoughtsTokenCount');
  if (outputDetails && thoughts) outputDetails.text_tokens += thoughts;
  return {
    ...(prompt === undefined ? {} : { inputTokens: prompt }),
    outputTokens: output,
    ...(number('totalTokenCount') === undefined ? {} : { totalTokens: number('totalTokenCount') }),
    details: {
      ...(input ? { input_tokens_details: input } : {}),
      ...(outputDetails ? { output_tokens_details: outputDetails } : {}),
      usageMetadata: metadata,
    },
  };
}

/**
 * Reads a `GenerateContentResponse`: the images of its candidates, or the reason there are none.
 * A prompt Google blocked (`promptFeedback.blockReason`) and a candidate that ended for any reason
 * but `STOP` without an image are content-policy errors quoting the reason; a plain answer in
 * words only is an invalid response quoting the words.
 */
export function parseGenerateResponse(json: unknown, context: ParseContext): ProviderEditResult {
  const { provider, requestId } = context;
  const fail = (code: 'content_policy' | 'invalid_response', message: string) =>
    new RetouchError({ code, provider, requestId, retryable: false, message });
  if (!isObject(json))
    throw fail(
      'invalid_response',
      `${provider} answered with something other than a GenerateContentResponse. Check the base URL.`,
    );
  const feedback = field(json, 'promptFeedback');
  const blockReason = isObject(feedback) ? field(feedback, 'blockReason') : undefined;
  if (typeof blockReason === 'string' && blockReason !== 'BLOCK_REASON_UNSPECIFIED') {
    const said = isObject(feedback) ? field(feedback, 'blockReasonMessage') : undefined;
    throw fail(
      'content_policy',
      `Google blocked the prompt (block reason ${quote(blockReason, context.secrets, 60)})${typeof said === 'string' ? `: "${quote(said, context.secrets)}"` : ''}. Nothing was generated. Rephrase the prompt or use other images.`,
    );
  }
  const raw = field(json, 'candidates');
  const candidates = (Array.isArray(raw) ? raw : []).slice(0, maxCandidates).map(readCandidate);
  const images = candidates.flatMap((candidate) =>
    candidate.images.map((image) =>
      candidate.text ? { ...image, revisedPrompt: candidate.text } : image,
    ),
  );
  if (images.length === 0) {
    const stopped = candidates.find((c) => c.finishReason && c.finishReason !== 'STOP');
    if (stopped) {
      const why = stopped.finishMessage ?? stopped.text;
      throw fail(
        'content_policy',
        `Google stopped the answer without an image (finish reason ${quote(stopped.finishReason!, context.secrets, 60)})${why ? `: "${quote(why, context.secrets)}"` : ''}. Rephrase the prompt or use other images.`,
      );
    }
    const said = candidates.map((c) => c.text).find(Boolean);
    throw fail(
      'invalid_response',
      `${provider}: the model answered without an image. ${said ? `The model said: "${quote(said, context.secrets)}"` : 'It sent no text.'} Rephrase the prompt, or check that this model can output images.`,
    );
  }
  const usage = readUsage(field(json, 'usageMetadata'));
  const responseId = field(json, 'responseId');
  const modelVersion = field(json, 'modelVersion');
  return {
    images,
    ...(usage ? { usage } : {}),
    requestId: requestId ?? (typeof responseId === 'string' ? responseId : undefined),
    echoed: context.echoed,
    providerMetadata: {
      google: {
        ...(typeof modelVersion === 'string' ? { modelVersion } : {}),
        ...(typeof responseId === 'string' ? { responseId } : {}),
        finishReasons: candidates.map((c) => c.finishReason ?? null),
      },
    },
  };
}
