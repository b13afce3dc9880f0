// GENERATED FILE: do not edit by hand. Regenerate it from OpenAI's OpenAPI description with
//   node packages/emulator/scripts/generate-openapi-subset.mjs <path/to/openai-openapi.yaml> --commit f85dbe2 --date 'August 2026'
//
// A subset of openai-openapi.yaml: the request bodies of POST /images/edits (multipart and JSON), its
// responses and stream events, the error envelope ErrorResponse, the Files and Batches operations
// the Batch API needs, and every schema they reference, without vendor extensions (x-…).
// Source: repository openai/openai-openapi, commit f85dbe2 (August 2026),
// sha256 db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8, OpenAPI 3.1.0, API version 2.3.0.
//
// Copyright (c) OpenAI. Licensed under the MIT License, as the source declares (info.license):
// Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
// associated documentation files (the "Software"), to deal in the Software without restriction,
// including without limitation the rights to use, copy, modify, merge, publish, distribute,
// sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
// furnished to do so, subject to the following conditions: The above copyright notice and this
// permission notice shall be included in all copies or substantial portions of the Software.
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
// NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
// NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
// DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
// OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

/** A schema object of the OpenAPI description, as published (OpenAPI 3.1.0). */
export type OpenApiSchema = { readonly [keyword: string]: unknown };

/** Where this subset comes from. */
export const openApiSource = {
  repository: 'openai/openai-openapi',
  commit: 'f85dbe2',
  date: 'August 2026',
  sha256: 'db5d7478feae10b4d331834c60d9765a8aa042e38419f9b1694288c11aa8ebc8',
  openapi: '3.1.0',
  apiVersion: '2.3.0',
  license: 'MIT',
} as const;

/** POST /images/edits: the schema of each request body and 200 response, by media type. */
export const imagesEdits = {
  path: '/images/edits',
  requestBodies: {
    'multipart/form-data': 'CreateImageEditRequest',
    'application/json': 'EditImageBodyJsonParam',
  },
  responses: {
    'application/json': 'ImagesResponse',
    'text/event-stream': 'ImageEditStreamEvent',
  },
} as const;

/** The Files and Batches operations: each one's request body and 200 response schemas. */
export const batchOperations = {
  'POST /files': {
    requestBodies: {
      'multipart/form-data': 'CreateFileRequest',
    },
    responses: {
      'application/json': 'OpenAIFile',
    },
  },
  'GET /files/{file_id}': {
    requestBodies: {},
    responses: {
      'application/json': 'OpenAIFile',
    },
  },
  'DELETE /files/{file_id}': {
    requestBodies: {},
    responses: {
      'application/json': 'DeleteFileResponse',
    },
  },
  'POST /batches': {
    requestBodies: {
      'application/json': 'CreateBatchRequest',
    },
    responses: {
      'application/json': 'Batch',
    },
  },
  'GET /batches': {
    requestBodies: {},
    responses: {
      'application/json': 'ListBatchesResponse',
    },
  },
  'GET /batches/{batch_id}': {
    requestBodies: {},
    responses: {
      'application/json': 'Batch',
    },
  },
  'POST /batches/{batch_id}/cancel': {
    requestBodies: {},
    responses: {
      'application/json': 'Batch',
    },
  },
} as const;

/** The schema of OpenAI's error envelope `{error:{message,type,param,code}}`. */
export const errorEnvelope = 'ErrorResponse';

/** The first path segment of every path the API has (`images`, `chat`, …). */
export const apiPathRoots: readonly string[] = [
  'assistants',
  'audio',
  'batches',
  'chat',
  'chatkit',
  'completions',
  'containers',
  'content_provenance_checks',
  'conversations',
  'embeddings',
  'evals',
  'files',
  'fine_tuning',
  'images',
  'models',
  'moderations',
  'organization',
  'projects',
  'realtime',
  'responses',
  'skills',
  'threads',
  'uploads',
  'vector_stores',
  'videos',
];

/** The component schemas above and all they reference, by name. */
export const schemas: Readonly<Record<string, OpenApiSchema>> = {
  CreateImageEditRequest: {
    type: 'object',
    properties: {
      image: {
        anyOf: [
          {
            type: 'string',
            format: 'binary',
          },
          {
            type: 'array',
            maxItems: 16,
            items: {
              type: 'string',
              format: 'binary',
            },
          },
        ],
        description:
          'The image(s) to edit. Must be a supported image file or an array of images.\n\nFor the GPT image models (`gpt-image-1`, `gpt-image-1-mini`, `gpt-image-1.5`, `gpt-image-2`, and `gpt-image-2-2026-04-21`), each image should be a `png`, `webp`, or `jpg`\nfile less than 50MB. You can provide up to 16 images.\n`chatgpt-image-latest` follows the same input constraints as GPT image models.\n\nFor `dall-e-2`, you can only provide one image, and it should be a square\n`png` file less than 4MB.\n',
      },
      prompt: {
        description:
          'A text description of the desired image(s). The maximum length is 1000 characters for `dall-e-2`, and 32000 characters for the GPT image models.',
        type: 'string',
        example: 'A cute baby sea otter wearing a beret',
      },
      mask: {
        description:
          'An additional image whose fully transparent areas (e.g. where alpha is zero) indicate where `image` should be edited. If there are multiple images provided, the mask will be applied on the first image. Must be a valid PNG file, less than 4MB, and have the same dimensions as `image`.',
        type: 'string',
        format: 'binary',
      },
      background: {
        type: 'string',
        enum: ['transparent', 'opaque', 'auto'],
        default: 'auto',
        example: 'transparent',
        nullable: true,
        description:
          'Set the background of the generated image(s). This parameter is only\nsupported for the GPT image models. Must be one of `transparent`, `opaque`,\nor `auto` (default value). When `auto` is used, the model will automatically\ndetermine the best background for the image.\n\nTransparent backgrounds are available for supported GPT Image models. For\n`gpt-image-2` and `gpt-image-2-2026-04-21`, this support is in preview. When\nusing `transparent`, set the output format to `png` or `webp`.\n',
      },
      model: {
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'string',
            enum: [
              'gpt-image-1.5',
              'gpt-image-2',
              'gpt-image-2-2026-04-21',
              'dall-e-2',
              'gpt-image-1',
              'gpt-image-1-mini',
              'chatgpt-image-latest',
            ],
          },
        ],
        default: 'gpt-image-1.5',
        example: 'gpt-image-1.5',
        nullable: true,
        description:
          'The model to use for image generation. One of `dall-e-2` or a GPT image model (`gpt-image-1`, `gpt-image-1-mini`, `gpt-image-1.5`, `gpt-image-2`, `gpt-image-2-2026-04-21`, or `chatgpt-image-latest`). Defaults to `gpt-image-1.5`.',
      },
      n: {
        type: 'integer',
        minimum: 1,
        maximum: 10,
        default: 1,
        example: 1,
        nullable: true,
        description: 'The number of images to generate. Must be between 1 and 10.',
      },
      size: {
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'string',
            enum: ['256x256', '512x512', '1024x1024', '1536x1024', '1024x1536', 'auto'],
          },
        ],
        default: '1024x1024',
        example: '1024x1024',
        nullable: true,
        description:
          "The size of the generated images. For `gpt-image-2` and `gpt-image-2-2026-04-21`, arbitrary resolutions are supported as `WIDTHxHEIGHT` strings, for example `1536x864`. Width and height must both be divisible by 16 and the requested aspect ratio must be between 1:3 and 3:1. Resolutions above `2560x1440` are experimental, and the maximum supported resolution is `3840x2160`. The requested size must also satisfy the model's current pixel and edge limits. The standard sizes `1024x1024`, `1536x1024`, and `1024x1536` are supported by the GPT image models; `auto` is supported for models that allow automatic sizing. For `dall-e-2`, use one of `256x256`, `512x512`, or `1024x1024`. For `dall-e-3`, use one of `1024x1024`, `1792x1024`, or `1024x1792`.",
      },
      response_format: {
        type: 'string',
        enum: ['url', 'b64_json'],
        example: 'url',
        nullable: true,
        description:
          'The format in which the generated images are returned. Must be one of `url` or `b64_json`. URLs are only valid for 60 minutes after the image has been generated. This parameter is only supported for `dall-e-2` (default is `url` for `dall-e-2`), as GPT image models always return base64-encoded images.',
      },
      output_format: {
        type: 'string',
        enum: ['png', 'jpeg', 'webp'],
        default: 'png',
        example: 'png',
        nullable: true,
        description:
          'The format in which the generated images are returned. This parameter is\nonly supported for the GPT image models. Must be one of `png`, `jpeg`, or `webp`.\nThe default value is `png`.\n',
      },
      output_compression: {
        type: 'integer',
        default: 100,
        example: 100,
        nullable: true,
        description:
          'The compression level (0-100%) for the generated images. This parameter\nis only supported for the GPT image models with the `webp` or `jpeg` output\nformats, and defaults to 100.\n',
      },
      user: {
        type: 'string',
        example: 'user-1234',
        description:
          'A unique identifier representing your end-user, which can help OpenAI to monitor and detect abuse. [Learn more](/docs/guides/safety-best-practices#end-user-ids).\n',
      },
      input_fidelity: {
        anyOf: [
          {
            $ref: '#/components/schemas/InputFidelity',
          },
          {
            type: 'null',
          },
        ],
      },
      stream: {
        type: 'boolean',
        default: false,
        example: false,
        nullable: true,
        description:
          'Edit the image in streaming mode. Defaults to `false`. See the\n[Image generation guide](/docs/guides/image-generation) for more information.\n',
      },
      partial_images: {
        $ref: '#/components/schemas/PartialImages',
      },
      quality: {
        type: 'string',
        enum: ['standard', 'low', 'medium', 'high', 'auto'],
        default: 'auto',
        example: 'high',
        nullable: true,
        description:
          'The quality of the image that will be generated for GPT image models. Defaults to `auto`.\n',
      },
    },
    required: ['prompt', 'image'],
  },
  EditImageBodyJsonParam: {
    type: 'object',
    description:
      'JSON request body for image edits.\n\nUse `images` (array of `ImageRefParam`) instead of multipart `image` uploads.\nYou can reference images via external URLs, data URLs, or uploaded file IDs.\nJSON edits support GPT image models only; DALL-E edits require multipart (`dall-e-2` only).\n',
    properties: {
      model: {
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'string',
            enum: [
              'gpt-image-1.5',
              'gpt-image-2',
              'gpt-image-2-2026-04-21',
              'gpt-image-1',
              'gpt-image-1-mini',
              'chatgpt-image-latest',
            ],
          },
          {
            type: 'null',
          },
        ],
        default: 'gpt-image-1.5',
        example: 'gpt-image-1.5',
        description:
          'The GPT image model to use for image editing, including `gpt-image-2` and its dated snapshot `gpt-image-2-2026-04-21`.',
      },
      images: {
        type: 'array',
        minItems: 1,
        maxItems: 16,
        description:
          'Input image references to edit.\nFor GPT image models, you can provide up to 16 images.\n',
        items: {
          $ref: '#/components/schemas/ImageRefParam',
        },
      },
      mask: {
        $ref: '#/components/schemas/ImageRefParam',
      },
      prompt: {
        type: 'string',
        minLength: 1,
        maxLength: 32000,
        example: 'Add a watercolor effect and keep the subject centered',
        description: 'A text description of the desired image edit.',
      },
      n: {
        anyOf: [
          {
            type: 'integer',
            minimum: 1,
            maximum: 10,
          },
          {
            type: 'null',
          },
        ],
        default: 1,
        example: 1,
        description: 'The number of edited images to generate.',
      },
      quality: {
        anyOf: [
          {
            type: 'string',
            enum: ['low', 'medium', 'high', 'auto'],
          },
          {
            type: 'null',
          },
        ],
        default: 'auto',
        example: 'high',
        description: 'Output quality for GPT image models.\n',
      },
      input_fidelity: {
        anyOf: [
          {
            type: 'string',
            enum: ['high', 'low'],
          },
          {
            type: 'null',
          },
        ],
        description: 'Controls fidelity to the original input image(s).',
      },
      size: {
        anyOf: [
          {
            type: 'string',
            enum: ['auto', '1024x1024', '1536x1024', '1024x1536'],
          },
          {
            type: 'null',
          },
        ],
        default: 'auto',
        example: '1024x1024',
        description: 'Requested output image size.',
      },
      user: {
        type: 'string',
        example: 'user-1234',
        description:
          'A unique identifier representing your end-user, which can help OpenAI\nmonitor and detect abuse.\n',
      },
      output_format: {
        anyOf: [
          {
            type: 'string',
            enum: ['png', 'jpeg', 'webp'],
          },
          {
            type: 'null',
          },
        ],
        default: 'png',
        example: 'png',
        description: 'Output image format. Supported for GPT image models.',
      },
      output_compression: {
        anyOf: [
          {
            type: 'integer',
            minimum: 0,
            maximum: 100,
          },
          {
            type: 'null',
          },
        ],
        example: 100,
        description: 'Compression level for `jpeg` or `webp` output.',
      },
      moderation: {
        anyOf: [
          {
            type: 'string',
            enum: ['low', 'auto'],
          },
          {
            type: 'null',
          },
        ],
        default: 'auto',
        example: 'auto',
        description: 'Moderation level for GPT image models.',
      },
      background: {
        anyOf: [
          {
            type: 'string',
            enum: ['transparent', 'opaque', 'auto'],
          },
          {
            type: 'null',
          },
        ],
        default: 'auto',
        example: 'transparent',
        description:
          'Set the background of the generated image output. Transparent backgrounds are available for supported GPT Image models. For `gpt-image-2` and `gpt-image-2-2026-04-21`, this support is in preview. When using `transparent`, set the output format to `png` or `webp`.',
      },
      stream: {
        anyOf: [
          {
            type: 'boolean',
          },
          {
            type: 'null',
          },
        ],
        default: false,
        example: false,
        description: 'Stream partial image results as events.',
      },
      partial_images: {
        $ref: '#/components/schemas/PartialImages',
      },
    },
    required: ['images', 'prompt'],
  },
  ImagesResponse: {
    type: 'object',
    title: 'Image generation response',
    description: 'The response from the image generation endpoint.',
    properties: {
      created: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) of when the image was created.',
      },
      data: {
        type: 'array',
        description: 'The list of generated images.',
        items: {
          $ref: '#/components/schemas/Image',
        },
      },
      background: {
        type: 'string',
        description:
          'The background parameter used for the image generation. Either `transparent` or `opaque`.',
        enum: ['transparent', 'opaque'],
      },
      output_format: {
        type: 'string',
        description: 'The output format of the image generation. Either `png`, `webp`, or `jpeg`.',
        enum: ['png', 'webp', 'jpeg'],
      },
      size: {
        type: 'string',
        description:
          'The size of the image generated. Either `1024x1024`, `1024x1536`, or `1536x1024`.',
        enum: ['1024x1024', '1024x1536', '1536x1024'],
      },
      quality: {
        type: 'string',
        description: 'The quality of the image generated. Either `low`, `medium`, or `high`.',
        enum: ['low', 'medium', 'high'],
      },
      usage: {
        $ref: '#/components/schemas/ImageGenUsage',
      },
    },
    required: ['created'],
  },
  ImageEditStreamEvent: {
    anyOf: [
      {
        $ref: '#/components/schemas/ImageEditPartialImageEvent',
      },
      {
        $ref: '#/components/schemas/ImageEditCompletedEvent',
      },
    ],
    discriminator: {
      propertyName: 'type',
    },
  },
  ErrorResponse: {
    type: 'object',
    properties: {
      error: {
        $ref: '#/components/schemas/Error',
      },
    },
    required: ['error'],
  },
  CreateFileRequest: {
    type: 'object',
    additionalProperties: false,
    properties: {
      file: {
        description: 'The File object (not file name) to be uploaded.\n',
        type: 'string',
        format: 'binary',
      },
      purpose: {
        description:
          'The intended purpose of the uploaded file. One of:\n- `assistants`: Used in the Assistants API\n- `batch`: Used in the Batch API\n- `fine-tune`: Used for fine-tuning\n- `vision`: Images used for vision fine-tuning\n- `user_data`: Flexible file type for any purpose\n- `evals`: Used for eval data sets\n',
        type: 'string',
        enum: ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'],
      },
      expires_after: {
        $ref: '#/components/schemas/FileExpirationAfter',
      },
    },
    required: ['file', 'purpose'],
  },
  OpenAIFile: {
    title: 'OpenAIFile',
    description: 'The `File` object represents a document that has been uploaded to OpenAI.',
    properties: {
      id: {
        type: 'string',
        description: 'The file identifier, which can be referenced in the API endpoints.',
      },
      bytes: {
        type: 'integer',
        description: 'The size of the file, in bytes.',
      },
      created_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the file was created.',
      },
      expires_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the file will expire.',
      },
      filename: {
        type: 'string',
        description: 'The name of the file.',
      },
      object: {
        type: 'string',
        description: 'The object type, which is always `file`.',
        enum: ['file'],
      },
      purpose: {
        type: 'string',
        description:
          'The intended purpose of the file. Supported values are `assistants`, `assistants_output`, `batch`, `batch_output`, `fine-tune`, `fine-tune-results`, `vision`, and `user_data`.',
        enum: [
          'assistants',
          'assistants_output',
          'batch',
          'batch_output',
          'fine-tune',
          'fine-tune-results',
          'vision',
          'user_data',
        ],
      },
      status: {
        type: 'string',
        deprecated: true,
        description:
          'Deprecated. The current status of the file, which can be either `uploaded`, `processed`, or `error`.',
        enum: ['uploaded', 'processed', 'error'],
      },
      status_details: {
        type: 'string',
        deprecated: true,
        description:
          'Deprecated. For details on why a fine-tuning training file failed validation, see the `error` field on `fine_tuning.job`.',
      },
    },
    required: ['id', 'object', 'bytes', 'created_at', 'filename', 'purpose', 'status'],
  },
  DeleteFileResponse: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
      },
      object: {
        type: 'string',
        enum: ['file'],
      },
      deleted: {
        type: 'boolean',
      },
    },
    required: ['id', 'object', 'deleted'],
  },
  CreateBatchRequest: {
    type: 'object',
    required: ['input_file_id', 'endpoint', 'completion_window'],
    properties: {
      input_file_id: {
        type: 'string',
        description:
          'The ID of an uploaded file that contains requests for the new batch.\n\nSee [upload file](/docs/api-reference/files/create) for how to upload a file.\n\nYour input file must be formatted as a [JSONL file](/docs/api-reference/batch/request-input), and must be uploaded with the purpose `batch`. The file can contain up to 50,000 requests, and can be up to 200 MB in size.\n',
      },
      endpoint: {
        type: 'string',
        enum: [
          '/v1/responses',
          '/v1/chat/completions',
          '/v1/embeddings',
          '/v1/completions',
          '/v1/moderations',
          '/v1/images/generations',
          '/v1/images/edits',
          '/v1/videos',
        ],
        description:
          'The endpoint to be used for all requests in the batch. Currently `/v1/responses`, `/v1/chat/completions`, `/v1/embeddings`, `/v1/completions`, `/v1/moderations`, `/v1/images/generations`, `/v1/images/edits`, and `/v1/videos` are supported. Note that `/v1/embeddings` batches are also restricted to a maximum of 50,000 embedding inputs across all requests in the batch.',
      },
      completion_window: {
        type: 'string',
        enum: ['24h'],
        description:
          'The time frame within which the batch should be processed. Currently only `24h` is supported.',
      },
      metadata: {
        $ref: '#/components/schemas/Metadata',
      },
      output_expires_after: {
        $ref: '#/components/schemas/BatchFileExpirationAfter',
      },
    },
  },
  Batch: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
      },
      object: {
        type: 'string',
        enum: ['batch'],
        description: 'The object type, which is always `batch`.',
      },
      endpoint: {
        type: 'string',
        description: 'The OpenAI API endpoint used by the batch.',
      },
      model: {
        type: 'string',
        description:
          'Model ID used to process the batch, like `gpt-5-2025-08-07`. OpenAI\noffers a wide range of models with different capabilities, performance\ncharacteristics, and price points. Refer to the [model\nguide](/docs/models) to browse and compare available models.\n',
      },
      errors: {
        type: 'object',
        properties: {
          object: {
            type: 'string',
            description: 'The object type, which is always `list`.',
          },
          data: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/BatchError',
            },
          },
        },
      },
      input_file_id: {
        type: 'string',
        description: 'The ID of the input file for the batch.',
      },
      completion_window: {
        type: 'string',
        description: 'The time frame within which the batch should be processed.',
      },
      status: {
        type: 'string',
        description: 'The current status of the batch.',
        enum: [
          'validating',
          'failed',
          'in_progress',
          'finalizing',
          'completed',
          'expired',
          'cancelling',
          'cancelled',
        ],
      },
      output_file_id: {
        type: 'string',
        description: 'The ID of the file containing the outputs of successfully executed requests.',
      },
      error_file_id: {
        type: 'string',
        description: 'The ID of the file containing the outputs of requests with errors.',
      },
      created_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch was created.',
      },
      in_progress_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch started processing.',
      },
      expires_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch will expire.',
      },
      finalizing_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch started finalizing.',
      },
      completed_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch was completed.',
      },
      failed_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch failed.',
      },
      expired_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch expired.',
      },
      cancelling_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch started cancelling.',
      },
      cancelled_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp (in seconds) for when the batch was cancelled.',
      },
      request_counts: {
        $ref: '#/components/schemas/BatchRequestCounts',
      },
      usage: {
        type: 'object',
        description:
          'Represents token usage details including input tokens, output tokens, a\nbreakdown of output tokens, and the total tokens used. Only populated on\nbatches created after September 7, 2025.\n',
        properties: {
          input_tokens: {
            type: 'integer',
            description: 'The number of input tokens.',
          },
          input_tokens_details: {
            type: 'object',
            description: 'A detailed breakdown of the input tokens.',
            properties: {
              cached_tokens: {
                type: 'integer',
                description:
                  'The number of tokens that were retrieved from the cache. [More on\nprompt caching](/docs/guides/prompt-caching).\n',
              },
            },
            required: ['cached_tokens'],
          },
          output_tokens: {
            type: 'integer',
            description: 'The number of output tokens.',
          },
          output_tokens_details: {
            type: 'object',
            description: 'A detailed breakdown of the output tokens.',
            properties: {
              reasoning_tokens: {
                type: 'integer',
                description: 'The number of reasoning tokens.',
              },
            },
            required: ['reasoning_tokens'],
          },
          total_tokens: {
            type: 'integer',
            description: 'The total number of tokens used.',
          },
        },
        required: [
          'input_tokens',
          'input_tokens_details',
          'output_tokens',
          'output_tokens_details',
          'total_tokens',
        ],
      },
      metadata: {
        $ref: '#/components/schemas/Metadata',
      },
    },
    required: [
      'id',
      'object',
      'endpoint',
      'input_file_id',
      'completion_window',
      'status',
      'created_at',
    ],
  },
  ListBatchesResponse: {
    type: 'object',
    properties: {
      data: {
        type: 'array',
        items: {
          $ref: '#/components/schemas/Batch',
        },
      },
      first_id: {
        type: 'string',
        example: 'batch_abc123',
      },
      last_id: {
        type: 'string',
        example: 'batch_abc456',
      },
      has_more: {
        type: 'boolean',
      },
      object: {
        type: 'string',
        enum: ['list'],
      },
    },
    required: ['object', 'data', 'has_more'],
  },
  BatchError: {
    type: 'object',
    properties: {
      code: {
        type: 'string',
        description: 'An error code identifying the error type.',
      },
      message: {
        type: 'string',
        description: 'A human-readable message providing more details about the error.',
      },
      param: {
        anyOf: [
          {
            type: 'string',
            description: 'The name of the parameter that caused the error, if applicable.',
          },
          {
            type: 'null',
          },
        ],
      },
      line: {
        anyOf: [
          {
            type: 'integer',
            description:
              'The line number of the input file where the error occurred, if applicable.',
          },
          {
            type: 'null',
          },
        ],
      },
    },
  },
  BatchFileExpirationAfter: {
    type: 'object',
    title: 'File expiration policy',
    description:
      'The expiration policy for the output and/or error file that are generated for a batch.',
    properties: {
      anchor: {
        description:
          'Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`. Note that the anchor is the file creation time, not the time the batch is created.',
        type: 'string',
        enum: ['created_at'],
      },
      seconds: {
        description:
          'The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).',
        type: 'integer',
        format: 'int64',
        minimum: 3600,
        maximum: 2592000,
      },
    },
    required: ['anchor', 'seconds'],
  },
  BatchRequestCounts: {
    type: 'object',
    properties: {
      total: {
        type: 'integer',
        description: 'Total number of requests in the batch.',
      },
      completed: {
        type: 'integer',
        description: 'Number of requests that have been completed successfully.',
      },
      failed: {
        type: 'integer',
        description: 'Number of requests that have failed.',
      },
    },
    required: ['total', 'completed', 'failed'],
    description: 'The request counts for different statuses within the batch.',
  },
  Error: {
    type: 'object',
    properties: {
      code: {
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'null',
          },
        ],
      },
      message: {
        type: 'string',
      },
      param: {
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'null',
          },
        ],
      },
      type: {
        type: 'string',
      },
    },
    required: ['type', 'message', 'param', 'code'],
  },
  FileExpirationAfter: {
    type: 'object',
    title: 'File expiration policy',
    description:
      'The expiration policy for a file. By default, files with `purpose=batch` expire after 30 days and all other files are persisted until they are manually deleted.',
    properties: {
      anchor: {
        description:
          'Anchor timestamp after which the expiration policy applies. Supported anchors: `created_at`.',
        type: 'string',
        enum: ['created_at'],
      },
      seconds: {
        description:
          'The number of seconds after the anchor time that the file will expire. Must be between 3600 (1 hour) and 2592000 (30 days).',
        type: 'integer',
        format: 'int64',
        minimum: 3600,
        maximum: 2592000,
      },
    },
    required: ['anchor', 'seconds'],
  },
  Image: {
    type: 'object',
    description: 'Represents the content or the URL of an image generated by the OpenAI API.',
    properties: {
      b64_json: {
        type: 'string',
        description:
          'The base64-encoded JSON of the generated image. Returned by default for the GPT image models, and only present if `response_format` is set to `b64_json` for `dall-e-2` and `dall-e-3`.',
      },
      url: {
        type: 'string',
        format: 'uri',
        description:
          'When using `dall-e-2` or `dall-e-3`, the URL of the generated image if `response_format` is set to `url` (default value). Unsupported for the GPT image models.',
      },
      revised_prompt: {
        type: 'string',
        description: 'For `dall-e-3` only, the revised prompt that was used to generate the image.',
      },
    },
  },
  ImageEditCompletedEvent: {
    type: 'object',
    description: 'Emitted when image editing has completed and the final image is available.\n',
    properties: {
      type: {
        type: 'string',
        description: 'The type of the event. Always `image_edit.completed`.\n',
        enum: ['image_edit.completed'],
      },
      b64_json: {
        type: 'string',
        description:
          'Base64-encoded final edited image data, suitable for rendering as an image.\n',
      },
      created_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp when the event was created.\n',
      },
      size: {
        type: 'string',
        description: 'The size of the edited image.\n',
        enum: ['1024x1024', '1024x1536', '1536x1024', 'auto'],
      },
      quality: {
        type: 'string',
        description: 'The quality setting for the edited image.\n',
        enum: ['low', 'medium', 'high', 'auto'],
      },
      background: {
        type: 'string',
        description: 'The background setting for the edited image.\n',
        enum: ['transparent', 'opaque', 'auto'],
      },
      output_format: {
        type: 'string',
        description: 'The output format for the edited image.\n',
        enum: ['png', 'webp', 'jpeg'],
      },
      usage: {
        $ref: '#/components/schemas/ImagesUsage',
      },
    },
    required: [
      'type',
      'b64_json',
      'created_at',
      'size',
      'quality',
      'background',
      'output_format',
      'usage',
    ],
  },
  ImageEditPartialImageEvent: {
    type: 'object',
    description: 'Emitted when a partial image is available during image editing streaming.\n',
    properties: {
      type: {
        type: 'string',
        description: 'The type of the event. Always `image_edit.partial_image`.\n',
        enum: ['image_edit.partial_image'],
      },
      b64_json: {
        type: 'string',
        description: 'Base64-encoded partial image data, suitable for rendering as an image.\n',
      },
      created_at: {
        type: 'integer',
        format: 'unixtime',
        description: 'The Unix timestamp when the event was created.\n',
      },
      size: {
        type: 'string',
        description: 'The size of the requested edited image.\n',
        enum: ['1024x1024', '1024x1536', '1536x1024', 'auto'],
      },
      quality: {
        type: 'string',
        description: 'The quality setting for the requested edited image.\n',
        enum: ['low', 'medium', 'high', 'auto'],
      },
      background: {
        type: 'string',
        description: 'The background setting for the requested edited image.\n',
        enum: ['transparent', 'opaque', 'auto'],
      },
      output_format: {
        type: 'string',
        description: 'The output format for the requested edited image.\n',
        enum: ['png', 'webp', 'jpeg'],
      },
      partial_image_index: {
        type: 'integer',
        description: '0-based index for the partial image (streaming).\n',
      },
    },
    required: [
      'type',
      'b64_json',
      'created_at',
      'size',
      'quality',
      'background',
      'output_format',
      'partial_image_index',
    ],
  },
  ImageGenInputUsageDetails: {
    properties: {
      text_tokens: {
        type: 'integer',
        description: 'The number of text tokens in the input prompt.',
      },
      image_tokens: {
        type: 'integer',
        description: 'The number of image tokens in the input prompt.',
      },
    },
    type: 'object',
    required: ['text_tokens', 'image_tokens'],
    title: 'Input usage details',
    description: 'The input tokens detailed information for the image generation.',
  },
  ImageGenOutputTokensDetails: {
    properties: {
      image_tokens: {
        type: 'integer',
        description: 'The number of image output tokens generated by the model.',
      },
      text_tokens: {
        type: 'integer',
        description: 'The number of text output tokens generated by the model.',
      },
    },
    type: 'object',
    required: ['image_tokens', 'text_tokens'],
    title: 'Image generation output token details',
    description: 'The output token details for the image generation.',
  },
  ImageGenUsage: {
    properties: {
      input_tokens: {
        type: 'integer',
        description: 'The number of tokens (images and text) in the input prompt.',
      },
      total_tokens: {
        type: 'integer',
        description: 'The total number of tokens (images and text) used for the image generation.',
      },
      output_tokens: {
        type: 'integer',
        description: 'The number of output tokens generated by the model.',
      },
      output_tokens_details: {
        $ref: '#/components/schemas/ImageGenOutputTokensDetails',
      },
      input_tokens_details: {
        $ref: '#/components/schemas/ImageGenInputUsageDetails',
      },
    },
    type: 'object',
    required: ['input_tokens', 'total_tokens', 'output_tokens', 'input_tokens_details'],
    title: 'Image generation usage',
    description: 'For `gpt-image-1` only, the token usage information for the image generation.',
  },
  ImageRefParam: {
    type: 'object',
    description:
      'Reference an input image by either URL or uploaded file ID.\nProvide exactly one of `image_url` or `file_id`.\n',
    properties: {
      image_url: {
        type: 'string',
        format: 'uri',
        maxLength: 20971520,
        description: 'A fully qualified URL or base64-encoded data URL.',
        example: 'https://example.com/source-image.png',
      },
      file_id: {
        type: 'string',
        description: 'The File API ID of an uploaded image to use as input.',
        example: 'file-abc123',
      },
    },
    anyOf: [
      {
        required: ['image_url'],
      },
      {
        required: ['file_id'],
      },
    ],
    not: {
      required: ['image_url', 'file_id'],
    },
    additionalProperties: false,
  },
  ImagesUsage: {
    type: 'object',
    description:
      'For the GPT image models only, the token usage information for the image generation.\n',
    required: ['total_tokens', 'input_tokens', 'output_tokens', 'input_tokens_details'],
    properties: {
      total_tokens: {
        type: 'integer',
        description:
          'The total number of tokens (images and text) used for the image generation.\n',
      },
      input_tokens: {
        type: 'integer',
        description: 'The number of tokens (images and text) in the input prompt.',
      },
      output_tokens: {
        type: 'integer',
        description: 'The number of image tokens in the output image.',
      },
      input_tokens_details: {
        type: 'object',
        description: 'The input tokens detailed information for the image generation.',
        required: ['text_tokens', 'image_tokens'],
        properties: {
          text_tokens: {
            type: 'integer',
            description: 'The number of text tokens in the input prompt.',
          },
          image_tokens: {
            type: 'integer',
            description: 'The number of image tokens in the input prompt.',
          },
        },
      },
    },
  },
  InputFidelity: {
    type: 'string',
    enum: ['high', 'low'],
    description:
      'Control how much effort the model will exert to match the style and features, especially facial features, of input images. This parameter is only supported for `gpt-image-1` and `gpt-image-1.5` and later models, unsupported for `gpt-image-1-mini`. Supports `high` and `low`. Defaults to `low`.',
  },
  Metadata: {
    anyOf: [
      {
        type: 'object',
        description:
          'Set of 16 key-value pairs that can be attached to an object. This can be\nuseful for storing additional information about the object in a structured\nformat, and querying for objects via API or the dashboard.\n\nKeys are strings with a maximum length of 64 characters. Values are strings\nwith a maximum length of 512 characters.\n',
        additionalProperties: {
          type: 'string',
        },
      },
      {
        type: 'null',
      },
    ],
  },
  PartialImages: {
    anyOf: [
      {
        type: 'integer',
        maximum: 3,
        minimum: 0,
        default: 0,
        example: 1,
        description:
          'The number of partial images to generate. This parameter is used for\nstreaming responses that return partial images. Value must be between 0 and 3.\nWhen set to 0, the response will be a single image sent in one streaming event.\n\nNote that the final image may be sent before the full number of partial images\nare generated if the full image is generated more quickly.\n',
      },
      {
        type: 'null',
      },
    ],
  },
};
