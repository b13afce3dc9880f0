import type { EditResult } from '../../edit/render-edit.js';
import type { ChatEditRequest } from './parse-chat-request.js';

/** One choice's answer: the text the model says and the image URLs it returns. */
export interface ChatChoice {
  text: string;
  /** For the `images` output: data URLs in `message.images`. */
  images: string[];
}

export const refusalText =
  "I can't edit this image: this is a text-only model, so it can only describe what it would change. Pick an image model instead.";

const OPERATION_WORDS: Record<EditResult['operation'], string> = {
  grayscale: 'made it grayscale',
  invert: 'inverted the colours',
  blur: 'blurred it',
  sepia: 'gave it a sepia tone',
  'remove-background': 'removed the background',
  tint: 'tinted it',
  'remove-marked': 'removed what the marks point to',
};

/**
 * The choices for an edit, in the shape the request asked for. `urlFor` stores an image and
 * returns where the emulator serves it (for `markdown-url`).
 */
export function chatChoices(
  request: ChatEditRequest,
  result: EditResult | undefined,
  urlFor: (index: number) => string,
): ChatChoice[] {
  if (!result || request.output === 'text-only') return [{ text: refusalText, images: [] }];
  return result.images.map((image, index) => {
    const dataUrl = `data:${image.mediaType};base64,${image.bytes.toString('base64')}`;
    const said = `Here is the edited image: I ${OPERATION_WORDS[result.operation]}.`;
    if (request.output === 'images') return { text: said, images: [dataUrl] };
    const link = request.output === 'markdown' ? dataUrl : urlFor(index);
    return { text: `${said}\n\n![edited image ${index + 1}](${link})`, images: [] };
  });
}

/** Deterministic usage in chat's shape: prompt, completion and total tokens. */
export function chatUsage(request: ChatEditRequest, choices: ChatChoice[]) {
  const promptTokens = Math.ceil(request.prompt.length / 4) + 258 * request.images.length;
  // Every choice but a refusal carries one image, whichever way it is written.
  const imagesOut = request.output === 'text-only' ? 0 : choices.length;
  const textTokens = choices.reduce((sum, choice) => sum + Math.ceil(choice.text.length / 4), 0);
  const completionTokens = textTokens + 1290 * imagesOut;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

export function completionBody(
  id: string,
  request: ChatEditRequest,
  choices: ChatChoice[],
  created: number,
) {
  return {
    id,
    object: 'chat.completion',
    created,
    model: request.model,
    choices: choices.map((choice, index) => ({
      index,
      message: {
        role: 'assistant',
        content: choice.text,
        ...(choice.images.length > 0
          ? { images: choice.images.map((url) => ({ type: 'image_url', image_url: { url } })) }
          : {}),
      },
      finish_reason: 'stop',
    })),
    usage: chatUsage(request, choices),
  };
}

/** The chunks of a streamed answer, ending with a usage chunk; `[DONE]` is framed by the route. */
export function* completionChunks(
  id: string,
  request: ChatEditRequest,
  choices: ChatChoice[],
  created: number,
): Generator<unknown> {
  const chunk = (choiceList: unknown[], extra: Record<string, unknown> = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: request.model,
    choices: choiceList,
    ...extra,
  });
  for (const [index, choice] of choices.entries()) {
    const delta = (value: Record<string, unknown>, finish: string | null = null) =>
      chunk([{ index, delta: value, finish_reason: finish }]);
    yield delta({ role: 'assistant', content: '' });
    // Text arrives in pieces, as a model writes it.
    const cut = Math.ceil(choice.text.length / 2);
    for (const piece of [choice.text.slice(0, cut), choice.text.slice(cut)]) {
      if (piece) yield delta({ content: piece });
    }
    for (const url of choice.images) {
      yield delta({ images: [{ type: 'image_url', image_url: { url } }] });
    }
    yield delta({}, 'stop');
  }
  yield chunk([], { usage: chatUsage(request, choices) });
}
