import { RetouchError } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { adviseError } from './error-advice.js';

const context = { provider: 'OpenAI-compatible', secrets: ['sk-secret-123'], canRetry: true };

describe('adviseError', () => {
  it('never pastes a raw JSON answer into the title', () => {
    const error = new RetouchError({
      code: 'invalid_response',
      provider: 'openai-compatible',
      message:
        'openai-compatible sent a response that is not valid JSON (HTTP 200): "{"data":[{"b64_json":"iVBORw0KGgoAAAANSUhEUgAA…". Check that the base URL points at the API itself, not a web page or a proxy.',
    });
    const advice = adviseError(error, context);
    expect(advice.title).toBe(
      'OpenAI-compatible sent an answer Retouch could not use (what it sent is in the log). Check that the base URL points at the API itself.',
    );
    expect(advice).toMatchObject({ actions: ['retry', 'open-settings', 'show-log'], exitCode: 7 });
  });

  it('keeps what the server said when it is a short sentence, with the status and the next step', () => {
    const error = new RetouchError({
      code: 'authentication',
      status: 401,
      provider: 'openai-compatible',
      serverMessage: 'Incorrect API key provided: sk-secret-123.',
      message:
        'openai-compatible returned HTTP 401 (invalid_api_key): "Incorrect API key provided: sk-secret-123." Check the API key for openai-compatible.',
    });
    const advice = adviseError(error, context);
    expect(advice.title).toBe(
      'OpenAI-compatible did not accept the API key (HTTP 401). It said: "Incorrect API key provided: [redacted]." Check the API key.',
    );
    expect(JSON.stringify(advice)).not.toContain('sk-secret-123');
    expect(advice).toMatchObject({ actions: ['set-key', 'retry', 'show-log'], exitCode: 3 });
  });

  it('drops a server body that is JSON, keeping the status', () => {
    const error = new RetouchError({
      code: 'server',
      status: 502,
      provider: 'queue',
      serverMessage: '{"upstream":{"status":"bad gateway","trace":"a1b2"}}',
      message: 'queue returned HTTP 502: "{"upstream":…}" The server had a problem.',
    });
    expect(adviseError(error, { ...context, provider: 'Queue (fal-style)' }).title).toBe(
      'Queue (fal-style) could not do the edit right now (HTTP 502). Try again in a moment.',
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
    const advice = adviseError(error, context);
    expect(advice.problems).toEqual([
      'photo.jpg is image/jpeg; allowed: image/png',
      'Images: 2 images; dall-e-2 takes at most 1',
      'Size: "2048x2048" is not offered; allowed: 256x256, 512x512',
    ]);
    expect(advice).toMatchObject({ actions: ['select-model', 'show-log'], exitCode: 2 });
  });

  it('sends configuration problems to the settings, by the error origin and not its words', () => {
    const error = new RetouchError({
      code: 'invalid_request',
      origin: 'configuration',
      provider: 'openai-compatible',
      issues: [{ field: 'baseURL', message: 'must be an http(s) URL' }],
      message: 'Something else entirely.',
    });
    expect(adviseError(error, context)).toMatchObject({
      title: 'The OpenAI-compatible settings are not valid.',
      problems: ['BaseURL: must be an http(s) URL'],
      actions: ['open-settings', 'show-log'],
    });
    // The same words without the origin are a refused request, not a settings problem.
    const worded = new RetouchError({
      code: 'invalid_request',
      issues: [{ field: 'baseURL', message: 'x' }],
      message: 'The OpenAI-compatible configuration is invalid: baseURL: x.',
    });
    expect(adviseError(worded, context).actions).toEqual(['select-model', 'show-log']);
  });

  it('offers Retry and the settings for an endpoint it cannot reach, only when a retry is possible', () => {
    const error = new RetouchError({
      code: 'network',
      provider: 'openai-compatible',
      message: 'Could not connect to openai-compatible at http://127.0.0.1:9/v1 (ECONNREFUSED).',
    });
    expect(adviseError(error, { ...context, canRetry: false })).toMatchObject({
      actions: ['open-settings', 'show-log'],
      exitCode: 6,
    });
    expect(adviseError(error, context).actions).toEqual(['retry', 'open-settings', 'show-log']);
    expect(adviseError(error, context).title).toContain('ECONNREFUSED');
  });

  it('titles a refusal worded as one sentence with that sentence, and a list of problems with the provider', () => {
    const sentence = new RetouchError({
      code: 'invalid_request',
      provider: 'openai-compatible',
      message: 'Say what to change: the prompt is empty.',
      issues: [{ field: 'prompt', message: 'required' }],
    });
    expect(adviseError(sentence, context)).toMatchObject({
      title: 'Say what to change: the prompt is empty.',
      problems: ['Prompt: required'],
      actions: ['show-log'],
    });
    const list = new RetouchError({
      code: 'invalid_request',
      provider: 'openai-compatible',
      message:
        'The request has a problem for openai-compatible:gpt-image-2:\n- n is 20; allowed: a whole number from 1 to 10',
      issues: [{ field: 'n', message: 'is 20; allowed: a whole number from 1 to 10' }],
    });
    expect(adviseError(list, context).title).toBe(
      'OpenAI-compatible cannot take this edit as it is.',
    );
    // A problem the sentence already says is not listed again under it.
    const said = new RetouchError({
      code: 'invalid_request',
      message: 'Say what to change with --prompt "…" or --preset NAME. Run `retouch edit --help`.',
      issues: [
        { field: 'prompt', message: 'Say what to change with --prompt "…" or --preset NAME' },
      ],
    });
    expect(adviseError(said, context).problems).toEqual([]);
  });

  it('gives a terminal the lines of the message its title leaves out, and none that it repeats', () => {
    const missingKey = new RetouchError({
      code: 'authentication',
      origin: 'missing-key',
      provider: 'openai-compatible',
      message:
        'No API key for openai-compatible.\nSet OPENAI_API_KEY, or put apiKey in the config file.',
    });
    expect(adviseError(missingKey, context)).toMatchObject({
      title: 'OpenAI-compatible needs an API key.',
      more: [
        'No API key for openai-compatible.',
        'Set OPENAI_API_KEY, or put apiKey in the config file.',
      ],
    });
    // The server's own sentence is in the title; the rest of the message is its status.
    const quoted = new RetouchError({
      code: 'authentication',
      status: 401,
      provider: 'openai-compatible',
      serverMessage: 'Incorrect API key provided.',
      message: 'openai-compatible returned HTTP 401: "Incorrect API key provided."',
    });
    expect(adviseError(quoted, context).more).toEqual([]);
    // Settings problems are the whole message: listed once, not again below.
    const settings = new RetouchError({
      code: 'invalid_request',
      origin: 'configuration',
      provider: 'openai-compatible',
      issues: [{ field: 'baseURL', message: 'must be an http(s) URL' }],
      message: 'The OpenAI-compatible configuration is invalid: baseURL: must be an http(s) URL.',
    });
    expect(adviseError(settings, context).more).toEqual([]);
  });

  it('says plainly that a job followed through an outage was kept, not cancelled', () => {
    const lastFailure = new RetouchError({
      code: 'network',
      provider: 'queue',
      message:
        'Could not reach queue at http://127.0.0.1:9 (connection refused, ECONNREFUSED). Check the base URL, then try again.',
    });
    const kept = (outcome: 'unknown' | 'too-late') =>
      new RetouchError({
        code: 'network',
        provider: 'queue',
        requestId: 'job-7f3a9c1e-uuid',
        message: `queue could not be reached for 600 s while the job ran (${lastFailure.message}). The job was not cancelled and may still finish: try again to pick it up without paying twice.`,
        cancellations: [
          {
            outcome,
            handle: {
              provider: 'queue',
              model: 'fal-ai/flux/dev',
              id: 'job-7f3a9c1e-uuid',
              data: {},
              createdAt: '2026-12-07T10:00:00.000Z',
            },
          },
        ],
        cause: lastFailure,
      });
    const running = adviseError(kept('unknown'), { ...context, provider: 'Queue (fal-style)' });
    expect(running.title).toBe(
      'Queue (fal-style) stopped answering while the job ran, so Retouch stopped waiting. The job was not cancelled and may still finish: trying again picks it up without paying twice.',
    );
    expect(running.actions).toEqual(['retry', 'open-settings', 'show-log']);
    expect(running.exitCode).toBe(6);
    // The whole story stays in the detail, for the log and the terminal.
    expect(running.detail).toContain('ECONNREFUSED');
    const finished = adviseError(kept('too-late'), { ...context, provider: 'Queue (fal-style)' });
    expect(finished.title).toMatch(
      /^Queue \(fal-style\) stopped answering before the finished job's result could be fetched\. The job was not cancelled and its result is kept there/,
    );
    for (const advice of [running, finished]) expect(advice.title).not.toContain('job-7f3a9c1e');
  });

  it('calls anything that is not a RetouchError a bug, exit code 1, and a cancel 130 with no action', () => {
    expect(adviseError(new TypeError('x is undefined'), context)).toMatchObject({
      code: 'internal',
      exitCode: 1,
      actions: ['show-log'],
    });
    const cancelled = new RetouchError({ code: 'cancelled', message: 'Cancelled.' });
    expect(adviseError(cancelled, context)).toMatchObject({ exitCode: 130, actions: [] });
  });

  it('keeps control characters a server slipped in out of the title and the detail', () => {
    const error = new RetouchError({
      code: 'content_policy',
      message: 'Refused: \x1b[2J\x1b]0;pwned\x07bad prompt',
    });
    const advice = adviseError(error, context);
    for (const text of [advice.title, advice.detail]) {
      expect(text).not.toContain('\x1b');
      expect(text).not.toContain('\x07');
      expect(text).toContain('bad prompt');
    }
    expect(advice.exitCode).toBe(5);
  });
});
