import { describe, expect, it } from 'vitest';
import { queueConfigSchema } from './queue-config.js';
import {
  modelPath,
  statusPollUrl,
  statusStreamUrl,
  submitUrl,
  templateUrls,
} from './queue-urls.js';

const config = queueConfigSchema.parse({ baseURL: 'https://queue.example.com/v1/queue' });

describe('queue URLs', () => {
  it('keeps endpoint sub-paths and encodes each segment', () => {
    expect(submitUrl(config, 'fal-ai/flux-pro/kontext')).toBe(
      'https://queue.example.com/v1/queue/fal-ai/flux-pro/kontext',
    );
    expect(modelPath('owner/model:v2')).toBe('owner/model%3Av2');
  });

  it.each(['../admin', 'a//b', 'a/./b', 'a?x=1', '', 'a/b#c'])(
    'refuses the endpoint id %j',
    (id) => {
      expect(() => modelPath(id)).toThrow(expect.objectContaining({ code: 'invalid_request' }));
    },
  );

  it('builds the default templates only from base, model and id', () => {
    expect(templateUrls(config, 'gpt_image_1_edit', 'r/1')).toEqual({
      statusUrl: 'https://queue.example.com/v1/queue/gpt_image_1_edit/requests/r%2F1/status',
      responseUrl: 'https://queue.example.com/v1/queue/gpt_image_1_edit/requests/r%2F1',
      cancelUrl: 'https://queue.example.com/v1/queue/gpt_image_1_edit/requests/r%2F1/cancel',
    });
  });

  it('derives the stream URL from the status URL and keeps its query', () => {
    expect(statusStreamUrl('https://q.test/m/requests/1/status?x=1', true)).toBe(
      'https://q.test/m/requests/1/status/stream?x=1&logs=1',
    );
    expect(statusPollUrl('https://q.test/m/requests/1/status', false)).toBe(
      'https://q.test/m/requests/1/status',
    );
  });
});
