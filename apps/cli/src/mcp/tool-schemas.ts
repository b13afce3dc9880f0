import { z } from 'zod';

/** The options an agent may set on an edit; keys and endpoints are never among them. */
const editOptionShape = {
  n: z.number().int().min(1).max(10).optional().describe('How many results to make (default 1).'),
  size: z
    .string()
    .optional()
    .describe('Output size such as "1024x1024", "1536x1024" or "auto" (list_models says which).'),
  quality: z
    .string()
    .optional()
    .describe(
      'Quality level such as "low", "medium", "high" (list_models says which); lower is cheaper and faster.',
    ),
  format: z
    .enum(['png', 'jpeg', 'webp'])
    .optional()
    .describe('File format of the results (default: follows the source).'),
  background: z
    .enum(['auto', 'transparent', 'opaque'])
    .optional()
    .describe('"transparent" for a cut-out (needs png or webp).'),
  provider: z
    .string()
    .optional()
    .describe(
      'Provider: "openai-compatible" (default), "queue" or "google". Keys come from the user setup.',
    ),
  model: z.string().optional().describe('Model id (list_models); default: the configured one.'),
  out: z
    .string()
    .optional()
    .describe('Folder for the results (default: beside each source). Must be in the workspace.'),
};

export const editImageShape = {
  images: z
    .array(z.string())
    .min(1)
    .max(16)
    .describe(
      'Paths of the images to edit together (relative to the workspace root, or absolute).',
    ),
  prompt: z.string().min(1).describe('What to change, in plain words.'),
  mask: z
    .string()
    .optional()
    .describe('Path of a PNG mask: transparent pixels mark where the edit may change the image.'),
  markup: z
    .string()
    .optional()
    .describe('Path of a copy of the (single) image with marks drawn on it to point at areas.'),
  ...editOptionShape,
};

export const editEachShape = {
  images: z
    .array(z.string())
    .max(500)
    .optional()
    .describe('Paths of the images; each is edited on its own with the same prompt.'),
  prompt: z.string().optional().describe('What to change in every image.'),
  batchId: z
    .string()
    .optional()
    .describe(
      'The batch id an earlier edit_each returned: resumes that batch (done images are skipped, nothing is paid twice).',
    ),
  mask: editImageShape.mask,
  ...editOptionShape,
};

export const estimateShape = {
  images: editImageShape.images,
  prompt: z.string().optional().describe('The prompt (optional for an estimate).'),
  each: z.boolean().optional().describe('Estimate one edit per image instead of one together.'),
  ...editOptionShape,
};

export const listModelsShape = {
  provider: editOptionShape.provider,
};

export const historyShape = {
  image: z.string().describe('Path of an image (a source or a result).'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Most recent edits to list (default 20).'),
};

export const descriptions = {
  edit_image: `Edit one or more images with an AI image model and write the results next to the source (or into "out"). Returns the written paths, a small preview of each result, the cost and any warnings. Use a mask to limit where it changes, markup to point at areas. Costs money: call estimate_cost first for large n or high quality. Paths must be inside the workspace.`,
  edit_each: `Apply one prompt to many images, each edited on its own (a few at once). Returns a batch id and what happened to each image. If it stops part-way (cancelled, failed, budget), call edit_each again with only the batchId to resume: done images are skipped and never paid twice.`,
  estimate_cost: `Estimate what an edit would cost before running it, without sending anything. Also says whether it fits this session's budget.`,
  list_models: `List the models of a provider and what each accepts (sizes, how many images, masks, formats, transparent backgrounds, quality levels).`,
  list_presets: `List prompt presets (built-in and the user's): a name, its prompt and options. Use a preset's prompt with edit_image.`,
  edit_history: `List the past edits of an image: for each, the prompt, model, options, cost, when, and the result files, from the records stored with the results.`,
} as const;

/** Each tool as registered with the SDK: title, description, input schema and hints. */
export const toolConfigs = {
  edit_image: {
    title: 'Edit image',
    description: descriptions.edit_image,
    inputSchema: editImageShape,
  },
  edit_each: {
    title: 'Edit each image',
    description: descriptions.edit_each,
    inputSchema: editEachShape,
  },
  estimate_cost: {
    title: 'Estimate cost',
    description: descriptions.estimate_cost,
    inputSchema: estimateShape,
    annotations: { readOnlyHint: true },
  },
  list_models: {
    title: 'List models',
    description: descriptions.list_models,
    inputSchema: listModelsShape,
    annotations: { readOnlyHint: true },
  },
  list_presets: {
    title: 'List presets',
    description: descriptions.list_presets,
    inputSchema: {},
    annotations: { readOnlyHint: true },
  },
  edit_history: {
    title: 'Edit history',
    description: descriptions.edit_history,
    inputSchema: historyShape,
    annotations: { readOnlyHint: true },
  },
};
