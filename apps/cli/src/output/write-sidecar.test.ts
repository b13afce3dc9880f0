import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EditSidecar, endpointForRecord, writeSidecar } from './write-sidecar.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-sidecar-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('endpointForRecord', () => {
  it('drops credentials, query and fragment', () => {
    expect(endpointForRecord('https://u:p@gw.test/openai/v1/?api-version=1&key=abc#x')).toBe(
      'https://gw.test/openai/v1',
    );
    expect(endpointForRecord('not a url')).toBeUndefined();
    expect(endpointForRecord(undefined)).toBeUndefined();
  });
});

describe('writeSidecar', () => {
  it('writes readable JSON and scrubs any secret that slipped into provider data', async () => {
    const sidecar: EditSidecar = {
      schema: 'retouch.edit/v1',
      createdAt: '2025-01-01T00:00:00.000Z',
      tool: { name: '@retouch/cli', version: '0.0.0' },
      prompt: 'sepia',
      provider: 'queue',
      model: 'm',
      options: {},
      sources: [{ role: 'image', file: 'a.png', sha256: 'ab'.repeat(32) }],
      output: {
        file: 'a.retouch-1.png',
        index: 0,
        mediaType: 'image/png',
        width: 1,
        height: 1,
        sha256: 'cd',
      },
      requestIds: [],
      usage: { details: { echoedKey: 'sk-secret-value' } },
      warnings: [],
    };
    const path = join(dir, 'a.retouch-1.png.json');
    await writeSidecar(path, sidecar, ['sk-secret-value']);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('sk-secret-value');
    expect(JSON.parse(text)).toMatchObject({ prompt: 'sepia', provider: 'queue' });
  });
});
