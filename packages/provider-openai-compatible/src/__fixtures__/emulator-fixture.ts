import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator } from 'retouch-emulator';
import { startEmulator } from 'retouch-emulator';
import type { OpenAICompatibleConfigInput } from '../openai-compatible-config.js';
import { createOpenAICompatibleProvider } from '../openai-compatible-provider.js';

/** Long enough for redaction to apply, distinctive enough to grep for in any output. */
export const testApiKey = 'sk-retouch-test-KEY-0123456789abcdef';

export function startTestEmulator(options: Parameters<typeof startEmulator>[0] = {}) {
  return startEmulator({ apiKey: testApiKey, log: () => {}, ...options });
}

export function providerFor(emulator: Emulator, config: OpenAICompatibleConfigInput = {}) {
  return createOpenAICompatibleProvider({
    baseURL: `${emulator.url}/v1`,
    apiKey: testApiKey,
    ...config,
  });
}

export function editRequests(emulator: Emulator) {
  return emulator.requests.filter((request) => request.route === 'images.edits');
}

export function chatRequests(emulator: Emulator) {
  return emulator.requests.filter((request) => request.route === 'chat.completions');
}

/** A temp folder for input files, removed by `cleanup()`. */
export function tempFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'retouch-openai-compatible-'));
  return {
    dir,
    write(name: string, data: Uint8Array): string {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
