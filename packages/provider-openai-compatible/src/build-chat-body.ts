import type { EditCall, EditWarning, ImageFile } from '@retouch/core/provider';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-provider-options.js';

/** Tells the model which image is the mask, since chat completions have no mask field. */
export const maskInstruction =
  'The next image is a mask for the first image: edit only where the mask is transparent, and keep everything else unchanged.';

export interface ChatBodyOptions {
  providerOptions: OpenAICompatibleProviderOptions;
  stream: boolean;
  /** Receives a warning for each option the chat wire cannot carry. */
  warnings: EditWarning[];
}

type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

// Options of the images API with no field in chat completions.
const imagesOnlyOptions = [
  ['size', 'size'],
  ['quality', 'quality'],
  ['background', 'background'],
  ['outputFormat', 'outputFormat'],
  ['outputCompression', 'outputCompression'],
  ['inputFidelity', 'inputFidelity'],
] as const;

async function dataUrl(file: ImageFile): Promise<string> {
  const bytes = await file.bytes();
  return `data:${file.mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
}

const imagePart = (url: string): ContentPart => ({ type: 'image_url', image_url: { url } });

/**
 * A chat completions body that asks for an edited image: one user message with the prompt, each
 * input as an `image_url` part (data URLs; references by URL as they are), then the mask as one
 * more image after an instruction. `n` goes only when above 1: many gateways refuse it.
 */
export async function buildChatBody(call: EditCall, options: ChatBodyOptions): Promise<string> {
  const { providerOptions, warnings } = options;
  const content: ContentPart[] = [{ type: 'text', text: call.prompt }];
  for (const file of call.images) content.push(imagePart(await dataUrl(file)));
  for (const ref of providerOptions.imageRefs ?? []) {
    if ('image_url' in ref) content.push(imagePart(ref.image_url));
    else warn(warnings, 'providerOptions.imageRefs', 'a file_id has no place in chat completions');
  }
  const mask = call.mask
    ? await dataUrl(call.mask)
    : providerOptions.maskRef && 'image_url' in providerOptions.maskRef
      ? providerOptions.maskRef.image_url
      : undefined;
  if (mask) content.push({ type: 'text', text: maskInstruction }, imagePart(mask));

  for (const [option, name] of imagesOnlyOptions) {
    if (call[option] !== undefined) warn(warnings, name, 'chat completions have no field for it');
  }
  for (const option of ['moderation', 'responseFormat'] as const) {
    if (providerOptions[option] !== undefined)
      warn(warnings, `providerOptions.${option}`, 'it applies to the images API only');
  }

  const body: Record<string, unknown> = {
    model: call.model,
    messages: [{ role: 'user', content }],
    modalities: ['image', 'text'],
  };
  if (call.n > 1) body.n = call.n;
  if (call.user !== undefined) body.user = call.user;
  if (options.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  for (const [name, value] of Object.entries(providerOptions.extraFields ?? {})) {
    if (!(name in body)) body[name] = value;
  }
  for (const [name, value] of Object.entries(providerOptions.extraBody ?? {})) {
    if (name !== 'messages' && name !== 'model') body[name] = value;
  }
  return JSON.stringify(body);
}

function warn(warnings: EditWarning[], option: string, why: string): void {
  warnings.push({
    type: 'unsupported-option',
    option,
    message: `${option} was not sent over the chat wire: ${why}. Put a gateway's own fields in providerOptions.extraBody.`,
  });
}
