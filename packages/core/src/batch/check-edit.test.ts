import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../engine/__fixtures__/test-provider.js';
import { isRetouchError } from '../errors/retouch-error.js';
import { createUsageProvider } from './__fixtures__/batch-fixtures.js';
import { checkEdit } from './check-edit.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ log: () => {} });
});
afterAll(() => emulator.close());

describe('checkEdit (a dry run)', () => {
  it('checks inputs and options as an edit would, and sends nothing', async () => {
    const provider = createUsageProvider(emulator.url, 'k');
    const photo = { data: new Uint8Array(await png(64, 48)), filename: 'photo.png' };
    const checked = await checkEdit({
      provider,
      model: 'gpt-image-1',
      prompt: 'sepia',
      images: photo,
      n: 6,
    });
    expect(checked.calls).toBe(2);
    const refused = await checkEdit({
      provider,
      model: 'gpt-image-1',
      prompt: 'sepia',
      images: photo,
      size: '7x7',
    }).catch((e) => e);
    expect(isRetouchError(refused) && refused.code).toBe('invalid_request');
    expect(refused.message).toMatch(/size/);
    const missing = await checkEdit({
      provider,
      model: 'gpt-image-1',
      prompt: 'sepia',
      images: '/nowhere/at/all.png',
    }).catch((e) => e);
    expect(missing.message).toMatch(/all\.png/);
    expect(emulator.requests).toHaveLength(0);
  });
});
