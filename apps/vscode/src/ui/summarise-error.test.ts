import { RetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { summariseError } from './summarise-error.js';

const context = { provider: 'OpenAI-compatible', secrets: ['sk-secret-123'], canRetry: true };

describe('summariseError', () => {
  it('never pastes a raw JSON answer into the notification', () => {
    const error = new RetouchError({
      code: 'invalid_response',
      provider: 'openai-compatible',
      message:
        'openai-compatible sent a response that is not valid JSON (HTTP 200): "{"data":[{"b64_json":"iVBORw0KGgoAAAANSUhEUgAA…". Check that the base URL points at the API itself, not a web page or a proxy.',
    });
    const summary = summariseError(error, context);
    expect(summary.message).toBe(
      'OpenAI-compatible sent an answer Retouch could not use (what it sent is in the log). Check that the base URL points at the API itself.',
    );
    expect(summary.actions).toEqual(['retry', 'open-settings', 'show-log']);
  });

  it('keeps what the server said when it is a short sentence, with the status and the next step', () => {
    const error = new RetouchError({
      code: 'authentication',
      status: 401,
      provider: 'openai-compatible',
      message:
        'openai-compatible returned HTTP 401 (invalid_api_key): "Incorrect API key provided: sk-secret-123." Check the API key for openai-compatible.',
    });
    const summary = summariseError(error, context);
    expect(summary.message).toBe(
      'OpenAI-compatible did not accept the API key (HTTP 401). It said: "Incorrect API key provided: [redacted]." Check the API key for openai-compatible.',
    );
    expect(summary.message).not.toContain('sk-secret-123');
    expect(summary.actions).toEqual(['set-api-key', 'retry', 'show-log']);
  });

  it('drops a server body that is JSON, keeping the status', () => {
    const error = new RetouchError({
      code: 'server',
      status: 502,
      provider: 'queue',
      message:
        'queue returned HTTP 502: "{"upstream":{"status":"bad gateway","trace":"a1b2"}}" The server had a problem; try again in a moment.',
    });
    const { message } = summariseError(error, { ...context, provider: 'Queue (fal-style)' });
    expect(message).toBe(
      'Queue (fal-style) could not do the edit right now (HTTP 502). The server had a problem; try again in a moment.',
    );
  });

  it('lists each problem of a refused request on its own line, offering another model', () => {
    const error = new RetouchError({
      code: 'invalid_request',
      provider: 'openai-compatible',
      issues: [
        { field: 'images[0]', message: 'photo.jpg is image/jpeg; allowed: image/png' },
        { field: 'images', message: 'has 2 images; dall-e-2 takes at most 1' },
        { field: 'size', message: '"2048x2048" is not offered; allowed: 256x256, 512x512' },
      ],
      message: 'The request has 3 problems for openai-compatible:dall-e-2:\n- …',
    });
    const summary = summariseError(error, context);
    expect(summary.problems).toEqual([
      'photo.jpg is image/jpeg; allowed: image/png',
      'Images: 2 images; dall-e-2 takes at most 1',
      'Size: "2048x2048" is not offered; allowed: 256x256, 512x512',
    ]);
    expect(summary.actions).toEqual(['select-provider-and-model', 'show-log']);
  });

  it('sends settings problems to the settings', () => {
    const error = new RetouchError({
      code: 'invalid_request',
      provider: 'openai-compatible',
      issues: [{ field: 'baseURL', message: 'must be an http(s) URL' }],
      message: 'The OpenAI-compatible configuration is invalid: baseURL: must be an http(s) URL.',
    });
    const summary = summariseError(error, context);
    expect(summary).toEqual({
      message: 'The OpenAI-compatible settings are not valid.',
      problems: ['BaseURL: must be an http(s) URL'],
      actions: ['open-settings', 'show-log'],
    });
  });

  it('offers Retry and the settings (proxy, base URL) for an endpoint it cannot reach', () => {
    const error = new RetouchError({
      code: 'network',
      provider: 'openai-compatible',
      message:
        'Could not connect to openai-compatible at http://127.0.0.1:9/v1 (ECONNREFUSED). Check the base URL, your network and the proxy settings.',
    });
    const summary = summariseError(error, { ...context, canRetry: false });
    expect(summary.message).toContain('ECONNREFUSED');
    expect(summary.actions).toEqual(['open-settings', 'show-log']);
  });

  it('says where results cannot go in its own words, with the setting to change', () => {
    const error = new RetouchError({
      code: 'invalid_request',
      message:
        'Results cannot be written to /work/locked: read-only file system (EROFS). Nothing was sent. Make the folder writable, or set retouch.outputFolder to a folder you can write to.',
      issues: [{ field: 'retouch.outputFolder', message: 'read-only file system (EROFS)' }],
    });
    const summary = summariseError(error, context);
    expect(summary.message).toBe(error.message);
    expect(summary.problems).toEqual([]);
    expect(summary.actions).toEqual(['open-settings', 'show-log']);
    expect(summary.settings).toBe('retouch.outputFolder');
  });
});
