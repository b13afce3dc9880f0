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
    'retouch.queue.baseURL': `${emulatorUrl}/v1/queue`,
    ...overrides,
  };
}
