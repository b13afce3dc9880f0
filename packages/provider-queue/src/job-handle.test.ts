import { type JobHandle, resumeEdit } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { readJobHandle, toJobHandle } from './job-handle.js';
import { createQueueClient } from './queue-client.js';
import { queueConfigSchema } from './queue-config.js';
import { createQueueProvider } from './queue-provider.js';

const config = queueConfigSchema.parse({
  baseURL: 'https://queue.example.com',
  apiKey: 'k-123456',
});
const client = createQueueClient(config, {});
const job = {
  model: 'fal-ai/flux-pro/kontext',
  requestId: 'r-1',
  statusUrl: 'https://queue.example.com/fal-ai/flux-pro/requests/r-1/status',
  responseUrl: 'https://queue.example.com/fal-ai/flux-pro/requests/r-1',
  cancelUrl: 'https://queue.example.com/fal-ai/flux-pro/requests/r-1/cancel',
};

describe('job handles', () => {
  it('survive JSON and hold no secret', () => {
    const handle = toJobHandle(job, 'queue', new Date('2026-01-01T00:00:00Z'));
    const stored: JobHandle = JSON.parse(JSON.stringify(handle));
    expect(stored).toEqual(handle);
    expect(JSON.stringify(stored)).not.toContain('k-123456');
    expect(readJobHandle(stored, client)).toEqual(job);
  });

  it('refuse a tampered handle that points at another origin', () => {
    const handle = toJobHandle({ ...job, statusUrl: 'https://evil.example/steal' }, 'queue');
    expect(() => readJobHandle(handle, client)).toThrow(
      expect.objectContaining({
        code: 'invalid_request',
        message: expect.stringContaining('evil.example'),
      }),
    );
  });

  it('refuse handles of another provider or with missing fields', () => {
    expect(() =>
      readJobHandle({ ...toJobHandle(job, 'queue'), provider: 'other' }, client),
    ).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    const { cancelUrl: _c, ...data } = toJobHandle(job, 'queue').data;
    expect(() => readJobHandle({ ...toJobHandle(job, 'queue'), data }, client)).toThrow(
      /data.cancelUrl/,
    );
  });

  it('make resumeEdit fail cleanly, before any request, when tampered', async () => {
    const provider = createQueueProvider({
      baseURL: 'https://queue.example.com',
      apiKey: 'k-123456',
    });
    const handle = toJobHandle({ ...job, responseUrl: 'file:///etc/passwd' }, 'queue');
    await expect(resumeEdit({ provider, handle, maxRetries: 0 })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });
});
