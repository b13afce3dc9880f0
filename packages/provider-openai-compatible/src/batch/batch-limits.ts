/**
 * The Batch API's limits on one input file (CreateBatchRequest.input_file_id in OpenAI's OpenAPI
 * description: "up to 50,000 requests, and can be up to 200 MB in size").
 */
export const openAIBatchLimits = { maxRequests: 50_000, maxFileBytes: 200 * 1024 * 1024 } as const;

/** Inputs up to this size travel inline as data URLs; bigger ones are uploaded as files. */
export const inlineImageMaxBytes = 64 * 1024;

/** The longest output line read: one answer with up to ten full-size images in base64. */
export const maxResultLineBytes = 512 * 1024 * 1024;

/** The largest result file saved: 50,000 answers of a few MB each, with room to spare. */
export const maxResultFileBytes = 1024 * 1024 * 1024 * 1024;
