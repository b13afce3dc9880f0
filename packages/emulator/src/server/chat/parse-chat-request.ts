import { EditRequestError } from '../parse-edit-request.js';
import { resolveImageRef } from '../resolve-image-ref.js';

/** How the answer carries its images; see the README's "Chat completions" section. */
export type ChatOutput = 'images' | 'markdown' | 'markdown-url' | 'text-only';

export interface ChatEditRequest {
  model: string;
  /** The user's text, without the mask instruction. */
  prompt: string;
  images: Buffer[];
  mask?: Buffer;
  /** Choices to answer with, each carrying one edited image. */
  n: number;
  stream: boolean;
  output: ChatOutput;
}

const MAX_IMAGES = 16;
const MAX_IMAGE_BYTES = 50 * 1024 * 1024;
const OUTPUTS: readonly ChatOutput[] = ['images', 'markdown', 'markdown-url', 'text-only'];

interface Part {
  kind: 'text' | 'image';
  text?: string;
  url?: string;
}

const fail = (message: string, param: string | null, code: string | null = 'invalid_value') => {
  throw new EditRequestError(message, param, code);
};

/** The user messages' content as text and image parts, in order. */
function userParts(messages: unknown[]): Part[] {
  const parts: Part[] = [];
  messages.forEach((message, index) => {
    if (typeof message !== 'object' || message === null) {
      fail(
        `Invalid 'messages[${index}]': expected an object.`,
        `messages[${index}]`,
        'invalid_type',
      );
    }
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (role !== 'user') return;
    if (typeof content === 'string') {
      parts.push({ kind: 'text', text: content });
      return;
    }
    if (!Array.isArray(content)) {
      fail(
        `Invalid 'messages[${index}].content': expected a string or an array of parts.`,
        `messages[${index}].content`,
        'invalid_type',
      );
    }
    for (const [at, part] of (content as unknown[]).entries()) {
      const { type, text, image_url } = (part ?? {}) as {
        type?: unknown;
        text?: unknown;
        image_url?: unknown;
      };
      const param = `messages[${index}].content[${at}]`;
      if (type === 'text' && typeof text === 'string') parts.push({ kind: 'text', text });
      else if (type === 'image_url') {
        const url =
          typeof image_url === 'string' ? image_url : (image_url as { url?: unknown })?.url;
        if (typeof url !== 'string')
          fail(`Invalid '${param}.image_url.url'.`, param, 'invalid_type');
        parts.push({ kind: 'image', url: url as string });
      } else fail(`Invalid '${param}': unsupported content part type.`, param, 'invalid_type');
    }
  });
  return parts;
}

/**
 * The mask travels as an image like any other, so the model has to be told: the last image is
 * the mask when the text part right before it mentions "mask" and another image comes first.
 */
function splitMask(parts: Part[]): { maskAt: number; instructionAt: number } | undefined {
  const last = parts.findLastIndex((part) => part.kind === 'image');
  const before = parts[last - 1];
  const imagesBefore = parts.slice(0, last).filter((part) => part.kind === 'image').length;
  if (last > 0 && before?.kind === 'text' && /\bmask\b/i.test(before.text ?? '') && imagesBefore)
    return { maskAt: last, instructionAt: last - 1 };
  return undefined;
}

function outputFor(model: string, flag: unknown): ChatOutput {
  if (flag !== undefined) {
    if (!OUTPUTS.includes(flag as ChatOutput)) {
      fail(
        `Invalid 'retouch_emulator_output': use one of ${OUTPUTS.join(', ')}.`,
        'retouch_emulator_output',
      );
    }
    return flag as ChatOutput;
  }
  const name = model.toLowerCase();
  if (name.includes('text-only') || name.includes('refus')) return 'text-only';
  if (name.includes('markdown-url')) return 'markdown-url';
  if (name.includes('markdown')) return 'markdown';
  return 'images';
}

/** Parses a chat completions body into an edit: prompt, images (data or loopback URLs), mask. */
export async function parseChatRequest(body: Buffer): Promise<ChatEditRequest> {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    fail(
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't sending valid JSON.)",
      null,
      null,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail('The JSON body must be an object.', null, 'invalid_type');
  }
  const fields = value as Record<string, unknown>;
  if (typeof fields.model !== 'string' || !fields.model) {
    fail("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  }
  if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
    fail("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  const n = fields.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10) {
    fail(`Invalid 'n': must be a whole number between 1 and 10.`, 'n');
  }
  if (fields.stream !== undefined && typeof fields.stream !== 'boolean') {
    fail("Invalid type for 'stream': expected a boolean.", 'stream', 'invalid_type');
  }
  const model = fields.model as string;
  const parts = userParts(fields.messages as unknown[]);
  const mask = splitMask(parts);
  const imageParts = parts.filter((part, at) => part.kind === 'image' && at !== mask?.maskAt);
  if (imageParts.length === 0) {
    fail(
      'This model edits images: add at least one image_url content part.',
      'messages',
      'missing_image',
    );
  }
  if (imageParts.length > MAX_IMAGES) {
    fail(`Too many images: at most ${MAX_IMAGES}.`, 'messages', 'too_many_images');
  }
  const images: Buffer[] = [];
  for (const [index, part] of imageParts.entries()) {
    images.push(await resolveImageRef(part.url!, `image[${index}]`, MAX_IMAGE_BYTES));
  }
  const prompt = parts
    .filter((part, at) => part.kind === 'text' && at !== mask?.instructionAt)
    .map((part) => part.text!.trim())
    .filter(Boolean)
    .join('\n');
  if (!prompt)
    fail('The user message has no text: say what to change.', 'messages', 'missing_prompt');
  const modalities = fields.modalities;
  const wantsImages = !Array.isArray(modalities) || modalities.includes('image');
  return {
    model,
    prompt,
    images,
    ...(mask
      ? { mask: await resolveImageRef(parts[mask.maskAt]!.url!, 'mask', MAX_IMAGE_BYTES) }
      : {}),
    n: n as number,
    stream: fields.stream === true,
    output: wantsImages ? outputFor(model, fields.retouch_emulator_output) : 'text-only',
  };
}
