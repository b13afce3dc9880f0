import { describe, expect, it } from 'vitest';
import { openAICompatibleConfigSchema } from './openai-compatible-config.js';
import { createConnection } from './openai-compatible-connection.js';

const connect = (input: unknown) => createConnection(openAICompatibleConfigSchema.parse(input));

describe('createConnection', () => {
  it('defaults to OpenAI with a Bearer key', () => {
    const connection = connect({ apiKey: 'sk-test-123' });
    expect(connection.editUrl).toBe('https://api.openai.com/v1/images/edits');
    expect(connection.headers.authorization).toBe('Bearer sk-test-123');
    expect(connection.authOrigin).toBe('https://api.openai.com');
    expect(connection.secrets).toContain('sk-test-123');
  });

  it('builds an Azure deployment URL with api-version and the api-key header', () => {
    const connection = connect({
      baseURL: 'https://my-res.openai.azure.com/openai/deployments/gpt-image-1/',
      apiKey: 'azure-key-456',
      authStyle: 'api-key',
      queryParams: { 'api-version': '2025-04-01-preview' },
    });
    expect(connection.editUrl).toBe(
      'https://my-res.openai.azure.com/openai/deployments/gpt-image-1/images/edits?api-version=2025-04-01-preview',
    );
    expect(connection.headers['api-key']).toBe('azure-key-456');
    expect(connection.headers.authorization).toBeUndefined();
  });

  it('keeps a query already in the base URL and treats credential headers as secrets', () => {
    const connection = connect({
      baseURL: 'http://127.0.0.1:9/v1?tenant=a',
      headers: { 'X-Api-Key': 'gateway-secret', 'X-Trace': 'on' },
    });
    expect(connection.editUrl).toBe('http://127.0.0.1:9/v1/images/edits?tenant=a');
    expect(connection.headers).toEqual({ 'x-api-key': 'gateway-secret', 'x-trace': 'on' });
    expect(connection.authHeaders).toEqual({ 'x-api-key': 'gateway-secret' });
    expect(connection.secrets).toEqual(['gateway-secret']);
  });

  it('counts a proxy password as a secret', () => {
    expect(connect({ proxy: 'http://user:proxy-pass-77@127.0.0.1:3128' }).secrets).toEqual([
      'proxy-pass-77',
    ]);
  });

  it('sends no credentials when there is no key', () => {
    expect(connect({ baseURL: 'http://127.0.0.1:9/v1' }).authHeaders).toEqual({});
  });
});

describe('openAICompatibleConfigSchema', () => {
  it('fills defaults suited to slow edits', () => {
    expect(openAICompatibleConfigSchema.parse({})).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      authStyle: 'bearer',
      timeoutMs: 600_000,
      bodyMode: 'multipart',
      imageFieldStyle: 'auto',
      models: [],
    });
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(openAICompatibleConfigSchema.safeParse({ baseURL: 'file:///etc/passwd' }).success).toBe(
      false,
    );
  });
});
