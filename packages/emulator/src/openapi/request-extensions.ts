import type { OpenApiSchema } from './openai-subset.generated.js';

/**
 * What the image edit request gained after the generated subset's spec (August 2026), laid over
 * it by `withRequestExtensions`, so regenerating the subset keeps working and these stay visible
 * and sourced. Drop an entry once the published spec carries it.
 *
 * - `complexity` (gpt-image-2.6): planning effort apart from quality. OpenAI's edit reference as
 *   mirrored by w3cschool (2026-11-11): https://www.w3cschool.cn/openai_api/openai_api-reference-resources-images-methods-edit.html
 * - `quality` `xhigh` and `max` (gpt-image-2.5 and 2.6): https://apidog.com/blog/gpt-image-2-6-api/
 * - `markup` (gpt-image-2.6): a transparent marks layer, a file in multipart; never with `mask`.
 *   https://docs.apiyi.com/en/live/2026-12/gpt-image-2-6-markup-fixed.md and
 *   https://openrouter.ai/docs/client-sdks/typescript/models/markup.md
 */
export const requestExtensions: Readonly<Record<string, Readonly<Record<string, OpenApiSchema>>>> =
  {
    CreateImageEditRequest: {
      complexity: { type: 'string', enum: ['low', 'medium', 'high'], nullable: true },
      quality: {
        type: 'string',
        enum: ['standard', 'low', 'medium', 'high', 'xhigh', 'max', 'auto'],
        nullable: true,
      },
      markup: { type: 'string', format: 'binary' },
    },
    EditImageBodyJsonParam: {
      complexity: {
        anyOf: [{ type: 'string', enum: ['low', 'medium', 'high'] }, { type: 'null' }],
      },
      quality: {
        anyOf: [
          { type: 'string', enum: ['low', 'medium', 'high', 'xhigh', 'max', 'auto'] },
          { type: 'null' },
        ],
      },
      markup: { $ref: '#/components/schemas/ImageRefParam' },
    },
  };

/** The component schemas with `requestExtensions` laid over their properties. */
export function withRequestExtensions(
  schemas: Readonly<Record<string, OpenApiSchema>>,
): Record<string, OpenApiSchema> {
  const out: Record<string, OpenApiSchema> = { ...schemas };
  for (const [name, properties] of Object.entries(requestExtensions)) {
    const schema = schemas[name];
    if (!schema) continue;
    const own = (schema.properties ?? {}) as Record<string, OpenApiSchema>;
    out[name] = { ...schema, properties: { ...own, ...properties } };
  }
  return out;
}
