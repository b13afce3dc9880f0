import type { EditCall } from '@retouch/core/provider';
import type { OpenAICompatibleModel } from './openai-compatible-models.js';
import type { OpenAICompatibleProviderOptions } from './openai-compatible-provider-options.js';

export type EditFieldValue = string | number | boolean;

export interface EditFieldOptions {
  model: OpenAICompatibleModel;
  providerOptions: OpenAICompatibleProviderOptions;
  /** Ask for an event stream with partial images. */
  stream: boolean;
}

/**
 * The scalar fields both body modes share, named as in `CreateImageEditRequest`. Options the user
 * did not set stay off the wire so the server's own defaults apply.
 */
export function buildEditFields(
  call: EditCall,
  { model, providerOptions, stream }: EditFieldOptions,
): Record<string, EditFieldValue> {
  const fields: Record<string, EditFieldValue> = {
    model: call.model,
    prompt: call.prompt,
    n: call.n,
  };
  const set = (name: string, value: EditFieldValue | undefined) => {
    if (value !== undefined) fields[name] = value;
  };
  set('size', call.size);
  set('quality', call.quality);
  if (model.gptImageParams) {
    set('background', call.background);
    set('output_format', call.outputFormat);
    set('output_compression', call.outputCompression);
    set('input_fidelity', call.inputFidelity);
  }
  set('user', call.user);
  if (model.responseFormat) fields.response_format = providerOptions.responseFormat ?? 'b64_json';
  if (stream) {
    fields.stream = true;
    set('partial_images', call.partialImages);
  }
  for (const [name, value] of Object.entries(providerOptions.extraFields ?? {})) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}
