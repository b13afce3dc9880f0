import { createMultipartBody, type MultipartBody, type MultipartPart } from '@retouch/core/http';
import type { EditCall, EditWarning } from '@retouch/core/provider';
import { buildEditFields, type EditFieldOptions } from './build-edit-fields.js';

export type ImageFieldStyle = 'auto' | 'image' | 'image[]';

export interface MultipartEditOptions extends EditFieldOptions {
  imageFieldStyle: ImageFieldStyle;
}

/** `auto` follows the spec's examples: `image` for one file, `image[]` for several. */
export function imageFieldName(style: ImageFieldStyle, imageCount: number): 'image' | 'image[]' {
  if (style === 'auto') return imageCount === 1 ? 'image' : 'image[]';
  return style;
}

/** The form parts of a multipart edit; files stay `ImageFile`s so they stream from disk. */
export function buildMultipartParts(
  call: EditCall,
  options: MultipartEditOptions,
): { parts: MultipartPart[]; warnings: EditWarning[] } {
  const warnings: EditWarning[] = [];
  const parts: MultipartPart[] = Object.entries(buildEditFields(call, options)).map(
    ([name, value]) => ({ name, value: String(value) }),
  );
  const imageName = imageFieldName(options.imageFieldStyle, call.images.length);
  for (const file of call.images) parts.push({ name: imageName, file });
  if (call.mask) parts.push({ name: 'mask', file: call.mask });

  const { moderation, imageRefs, maskRef } = options.providerOptions;
  for (const [option, value] of Object.entries({ moderation, imageRefs, maskRef })) {
    if (value === undefined) continue;
    warnings.push({
      type: 'unsupported-option',
      option: `providerOptions.${option}`,
      message: `providerOptions.${option} needs the JSON body (bodyMode: 'json'); the multipart request did not send it.`,
    });
  }
  return { parts, warnings };
}

export function buildMultipartBody(
  call: EditCall,
  options: MultipartEditOptions,
): { body: MultipartBody; warnings: EditWarning[] } {
  const { parts, warnings } = buildMultipartParts(call, options);
  return { body: createMultipartBody(parts), warnings };
}
