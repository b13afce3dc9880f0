import { describe, expect, it } from 'vitest';
import { queueConfigSchema } from './queue-config.js';

describe('queueConfigSchema', () => {
  it('defaults to fal with Key auth, SSE on and a fast first poll', () => {
    const config = queueConfigSchema.parse({});
    expect(config.baseURL).toBe('https://queue.fal.run');
    expect(config.authStyle).toBe('key');
    expect(config.sse).toBe(true);
    expect(config.poll.initialMs).toBeLessThanOrEqual(100);
    expect(config.poll.maxMs).toBeGreaterThan(config.poll.initialMs);
    expect(config.pathTemplates.status).toBe('{base}/{model}/requests/{id}/status');
  });

  it('fills nested defaults when only some keys are given', () => {
    const config = queueConfigSchema.parse({ poll: { maxMs: 500 }, timeouts: { cancelMs: 1000 } });
    expect(config.poll).toMatchObject({ maxMs: 500, initialMs: 75 });
    expect(config.timeouts).toMatchObject({ cancelMs: 1000, connectMs: 30_000 });
  });

  it('strips a trailing slash from baseURL and normalises allowed origins', () => {
    const config = queueConfigSchema.parse({
      baseURL: 'http://127.0.0.1:9/v1/queue/',
      allowedOrigins: ['https://cdn.example.com/some/path'],
    });
    expect(config.baseURL).toBe('http://127.0.0.1:9/v1/queue');
    expect(config.allowedOrigins).toEqual(['https://cdn.example.com']);
  });

  it('refuses non-http base URLs and a non-function upload hook without echoing the key', () => {
    const result = queueConfigSchema.safeParse({
      baseURL: 'file:///etc/passwd',
      apiKey: 'sk-very-secret-key',
      upload: 'nope',
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain('sk-very-secret-key');
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['baseURL', 'upload']);
  });
});
