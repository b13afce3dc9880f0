import { describe, expect, it } from 'vitest';
import type { EditRecord } from '../history/edit-record.js';
import { recordedOptions } from '../history/edit-record.js';
import { sidecarJson } from './sidecar.js';

const apiKey = 'sk-test-0123456789abcdef';

function record(overrides: Partial<EditRecord> = {}): EditRecord {
  return {
    version: 1,
    id: 'edit-1',
    createdAt: '2025-01-02T03:04:05.000Z',
    prompt: 'remove the background',
    provider: 'openai-compatible',
    model: 'gpt-image-1',
    options: recordedOptions({ n: 1, size: '1024x1024', quality: 'high' }),
    sources: [{ uri: 'file:///ws/img/hero.png', name: 'hero.png', sha256: 'ab'.repeat(32) }],
    requestId: 'req_123',
    outputs: [],
    warnings: [],
    ...overrides,
  };
}

const output = {
  uri: 'file:///ws/edited/hero.retouch-1.png',
  name: 'hero.retouch-1.png',
  mediaType: 'image/png',
  width: 1024,
  height: 1024,
};

describe('sidecarJson', () => {
  it('records prompt, provider, model, options, source hash and request id with relative paths', () => {
    const json = JSON.parse(sidecarJson(record(), output, 'file:///ws/edited', []));
    expect(json).toMatchObject({
      tool: 'retouch',
      prompt: 'remove the background',
      provider: 'openai-compatible',
      model: 'gpt-image-1',
      options: { n: 1, size: '1024x1024', quality: 'high' },
      sources: [{ path: '../img/hero.png', sha256: 'ab'.repeat(32) }],
      result: { path: 'hero.retouch-1.png', mediaType: 'image/png', width: 1024, height: 1024 },
      requestId: 'req_123',
      createdAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it('drops provider options and anything else that could carry configuration', () => {
    const options = recordedOptions({
      n: 2,
      providerOptions: { apiKey, headers: { authorization: `Bearer ${apiKey}` } },
    });
    const sneaky = { ...record({ options }), config: { apiKey } } as EditRecord;
    const text = sidecarJson(sneaky, output, 'file:///ws/edited', []);
    expect(text).not.toContain(apiKey);
    expect(JSON.parse(text).options).toEqual({ n: 2 });
  });

  it('scrubs a key that found its way into a free-text field such as the prompt', () => {
    const text = sidecarJson(
      record({ prompt: `use key ${apiKey} please` }),
      output,
      'file:///ws/edited',
      [apiKey],
    );
    expect(text).not.toContain(apiKey);
    expect(JSON.parse(text).prompt).toBe('use key [redacted] please');
  });

  it('keeps a full URI for a source on another file system', () => {
    const remote = record({
      sources: [
        {
          uri: 'vscode-remote://ssh-remote%2Bbox/ws/a.png',
          name: 'a.png',
          sha256: 'cd'.repeat(32),
        },
      ],
    });
    const json = JSON.parse(sidecarJson(remote, output, 'file:///ws/edited', []));
    expect(json.sources[0].path).toBe('vscode-remote://ssh-remote%2Bbox/ws/a.png');
  });
});
