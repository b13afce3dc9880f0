/**
 * The scenarios written before the Studio check results beside the image, and a single edit of
 * their small images (about $0.25 at gpt-image-1's highest price, plus a little for the inputs)
 * goes straight through; Edit Each's three images ($0.75) still ask. The Studio scenarios and
 * the cost confirmation's own set these themselves.
 */
const besideAndUnconfirmed = {
  'retouch.results': 'beside',
  'retouch.confirmCostAbove': 0.6,
};

/** User settings that point Retouch's OpenAI-compatible provider at an emulator. */
export function openAICompatibleSettings(
  emulatorUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'retouch.provider': 'openai-compatible',
    'retouch.model': 'gpt-image-1',
    // The option quick picks have their own scenario; the others go straight to the edit.
    'retouch.askForOptions': false,
    ...besideAndUnconfirmed,
    'retouch.openAICompatible.baseURL': `${emulatorUrl}/v1`,
    ...overrides,
  };
}

/** User settings that point Retouch's queue provider at an emulator's `/v1/queue` API. */
export function queueSettings(
  emulatorUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    'retouch.provider': 'queue',
    'retouch.model': 'gpt_image_1_edit',
    'retouch.askForOptions': false,
    ...besideAndUnconfirmed,
    'retouch.queue.baseURL': `${emulatorUrl}/v1/queue`,
    ...overrides,
  };
}
