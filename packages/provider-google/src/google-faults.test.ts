import { editImage, isRetouchError } from '@retouch/core';
import type { Emulator, FaultRule } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emulatorConfig, startTestEmulator, testApiKey } from './__fixtures__/emulator-fixture.js';
import { createGoogleProvider } from './google-provider.js';

let emulator: Emulator;
let photo: Uint8Array;
beforeAll(async () => {
  emulator = await startTestEmulator();
  photo = new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#884422' } })
      .png()
      .toBuffer(),
  );
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

const edit = (maxRetries: number) =>
  editImage({
    provider: createGoogleProvider(emulatorConfig(emulator.url)),
    model: 'gemini-3.1-flash-image',
    prompt: 'sepia',
    images: photo,
    maxRetries,
  });
const once = (rule: Omit<FaultRule, 'route'>): FaultRule[] => [
  { route: 'gemini.generateContent', times: 1, ...rule },
];

describe('google provider: every fault ends in a retry that succeeds or a typed error', () => {
  it.each([
    ['503 UNAVAILABLE', once({ status: 503 })],
    ['500 INTERNAL', once({ status: 500 })],
    ['a dropped connection', once({ drop: true })],
    ['a truncated answer', once({ truncate: true })],
    ['a slow answer', once({ delayMs: 300 })],
  ])('%s still ends with the image, retried where the attempt failed', async (_name, faults) => {
    emulator.setFaults(faults);
    const result = await edit(2);
    expect(result.images).toHaveLength(1);
  });

  it.each([
    ['503 UNAVAILABLE', { status: 503 }, 'server', true],
    ['malformed JSON', { malformedJson: true }, 'invalid_response', false],
    ['404 for the model', { status: 404 }, 'not_found', false],
    ['403 PERMISSION_DENIED', { status: 403 }, 'permission', false],
  ] as const)(
    '%s without retries left is a typed %s error that names no key',
    async (_n, rule, code, retryable) => {
      emulator.setFaults(once(rule));
      const error = await edit(0).catch((e: unknown) => e);
      expect(isRetouchError(error)).toBe(true);
      expect(error).toMatchObject({ code, retryable, provider: 'google' });
      expect(JSON.stringify(error)).not.toContain(testApiKey);
    },
  );
});
