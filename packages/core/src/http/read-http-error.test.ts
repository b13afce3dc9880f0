import type { OutgoingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from './__fixtures__/loopback-server.js';
import { createHttpClient } from './http-client.js';
import { errorCodeForStatus, type ReadHttpErrorOptions, readHttpError } from './read-http-error.js';

const secret = 'sk-proj-SECRET0123456789';

interface Scenario {
  status: number;
  headers?: OutgoingHttpHeaders;
  body: unknown;
}

const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();

const scenarios: Record<string, Scenario> = {
  'bad-param': {
    status: 400,
    headers: { 'x-request-id': 'req_abc' },
    body: {
      error: {
        message: 'Invalid size "999x999".',
        type: 'invalid_request_error',
        code: null,
        param: 'size',
      },
    },
  },
  'bad-key': {
    status: 401,
    body: {
      error: {
        message: `Incorrect API key provided: ${secret}. You can find your key at …`,
        code: 'invalid_api_key',
      },
    },
  },
  'rate-limited-seconds': {
    status: 429,
    headers: { 'retry-after': '7' },
    body: { error: { message: 'Slow down' } },
  },
  'rate-limited-ms': {
    status: 429,
    headers: { 'retry-after-ms': '1500', 'retry-after': '2' },
    body: { error: { message: 'Slow down' } },
  },
  'unavailable-until-date': {
    status: 503,
    headers: { 'retry-after': inThirtySeconds },
    body: 'Service Unavailable',
  },
  'out-of-quota': {
    status: 429,
    body: {
      error: {
        message: 'You exceeded your current quota.',
        type: 'insufficient_quota',
        code: 'insufficient_quota',
      },
    },
  },
  moderated: {
    status: 400,
    body: {
      error: {
        message: 'Your request was rejected by the safety system.',
        code: 'moderation_blocked',
      },
    },
  },
  'html-gateway': {
    status: 502,
    body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`,
  },
  'long-message': { status: 400, body: { error: { message: 'word '.repeat(200) } } },
  'fastapi-detail': {
    status: 422,
    body: { detail: [{ loc: ['body', 'image_url'], msg: 'field required' }] },
  },
  'custom-envelope': {
    status: 400,
    body: { failure: { reason: 'prompt too long', field: 'prompt' } },
  },
  conflict: { status: 409, body: '' },
};

let server: LoopbackServer;
const client = createHttpClient({ provider: 'acme' });

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const scenario = scenarios[(request.url ?? '/').slice(1)];
    if (!scenario) {
      response.writeHead(500).end();
      return;
    }
    const isText = typeof scenario.body === 'string';
    response.writeHead(scenario.status, {
      'content-type': isText ? 'text/html' : 'application/json',
      ...scenario.headers,
    });
    response.end(isText ? scenario.body : JSON.stringify(scenario.body));
  });
});

afterAll(async () => {
  await client.close();
  await server.close();
});

async function errorFor(name: string, options: Partial<ReadHttpErrorOptions> = {}) {
  const response = await client.request({ method: 'POST', url: server.url(`/${name}`) });
  expect(response.ok).toBe(false);
  return readHttpError(response, { provider: 'acme', ...options });
}

describe('readHttpError', () => {
  it('names the provider and status, quotes the server, names the parameter and keeps the request id', async () => {
    const error = await errorFor('bad-param');
    expect(error.code).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.status).toBe(400);
    expect(error.provider).toBe('acme');
    expect(error.requestId).toBe('req_abc');
    expect(error.message).toBe(
      'acme returned HTTP 400 (invalid_request_error): "Invalid size "999x999"." The problem is with the parameter "size". Check the request options against what the model supports.',
    );
  });

  it('redacts a key the server echoed back, from the message, String() and JSON', async () => {
    const error = await errorFor('bad-key', { secrets: [secret] });
    expect(error.code).toBe('authentication');
    expect(error.message).toContain('Incorrect API key provided: [redacted]');
    expect(error.message).toContain('Check the API key for acme.');
    for (const rendering of [
      error.message,
      String(error),
      JSON.stringify(error),
      error.stack ?? '',
    ]) {
      expect(rendering).not.toContain(secret);
    }
  });

  it('keeps Retry-After given in seconds', async () => {
    const error = await errorFor('rate-limited-seconds');
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('prefers retry-after-ms over Retry-After', async () => {
    expect((await errorFor('rate-limited-ms')).retryAfterMs).toBe(1500);
  });

  it('reads Retry-After given as an HTTP date, and a plain-text 503 as a retryable server error', async () => {
    const error = await errorFor('unavailable-until-date');
    expect(error.code).toBe('server');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
    expect(error.message).toContain('"Service Unavailable"');
  });

  it('does not retry an account that is out of quota, and says to check billing', async () => {
    const error = await errorFor('out-of-quota');
    expect(error.code).toBe('rate_limited');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('check your plan and billing');
  });

  it('maps a moderation block to content_policy, not retried', async () => {
    const error = await errorFor('moderated');
    expect(error.code).toBe('content_policy');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Rephrase the prompt');
  });

  it('does not quote an HTML error page', async () => {
    const error = await errorFor('html-gateway');
    expect(error.code).toBe('server');
    expect(error.message).toBe(
      'acme returned HTTP 502. acme had a problem on its side; try again in a moment.',
    );
  });

  it('quotes at most 300 characters of the server message', async () => {
    const error = await errorFor('long-message');
    const quoted = /"(.*)"/.exec(error.message)?.[1] ?? '';
    expect(quoted.length).toBeLessThanOrEqual(301);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('reads FastAPI-style validation details', async () => {
    const error = await errorFor('fastapi-detail');
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('"field required"');
    expect(error.message).toContain('parameter "body.image_url"');
  });

  it('uses the provider envelope parser when given', async () => {
    const error = await errorFor('custom-envelope', {
      parseBody: (json) => {
        const failure = (json as { failure?: { reason: string; field: string } }).failure;
        return failure && { message: failure.reason, param: failure.field };
      },
    });
    expect(error.message).toContain('"prompt too long"');
    expect(error.message).toContain('parameter "prompt"');
  });

  it('treats 409 as a retryable server error even with an empty body', async () => {
    const error = await errorFor('conflict');
    expect(error.code).toBe('server');
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/^acme returned HTTP 409\. /);
  });
});

describe('errorCodeForStatus', () => {
  it('maps each status family to its code', () => {
    const table: Record<number, string> = {
      400: 'invalid_request',
      401: 'authentication',
      403: 'permission',
      404: 'not_found',
      405: 'invalid_request',
      408: 'timeout',
      409: 'server',
      413: 'payload_too_large',
      422: 'invalid_request',
      429: 'rate_limited',
      500: 'server',
      502: 'server',
      504: 'server',
      302: 'invalid_response',
    };
    for (const [status, code] of Object.entries(table))
      expect(errorCodeForStatus(Number(status))).toBe(code);
  });
});
