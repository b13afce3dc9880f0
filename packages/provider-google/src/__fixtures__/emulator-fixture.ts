import { type Emulator, startEmulator } from 'retouch-emulator';

export const testApiKey = 'gemini-test-key-7f3a';

export function startTestEmulator(): Promise<Emulator> {
  return startEmulator({ apiKey: testApiKey, log: () => {} });
}

/** The config that points the provider at the emulator's Gemini API root. */
export const emulatorConfig = (url: string, extra: Record<string, unknown> = {}) => ({
  baseURL: `${url}/v1beta`,
  apiKey: testApiKey,
  ...extra,
});
