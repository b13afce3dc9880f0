import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl } from './redact.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    const text = 'key sk-live-123456 was rejected; sk-live-123456 again, and org-secret-9';
    expect(redactSecrets(text, ['sk-live-123456', 'org-secret-9'])).toBe(
      'key [redacted] was rejected; [redacted] again, and [redacted]',
    );
  });

  it('catches a secret that was percent-encoded into a URL', () => {
    const secret = 'abc/def+ghi=';
    const text = `https://x.test/?key=${encodeURIComponent(secret)}`;
    expect(redactSecrets(text, [secret])).toBe('https://x.test/?key=[redacted]');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    expect(redactSecrets('token=abcd1234efgh', ['abcd', 'abcd1234efgh'])).toBe('token=[redacted]');
  });

  it('ignores undefined and very short secrets rather than mangling the text', () => {
    expect(redactSecrets('a bad request', [undefined, '', 'a', 'bad'])).toBe('a bad request');
  });
});

describe('redactUrl', () => {
  it('masks credential query parameters and keeps the rest as written', () => {
    expect(
      redactUrl('https://x.test/v1/edit?api-version=2025-04-01&key=sk-1&Signature=abc&page=2'),
    ).toBe(
      'https://x.test/v1/edit?api-version=2025-04-01&key=[redacted]&Signature=[redacted]&page=2',
    );
  });

  it('masks every listed parameter name', () => {
    for (const name of ['api_key', 'apikey', 'token', 'access_token', 'sig', 'code', 'password']) {
      expect(redactUrl(`https://x.test/?${name}=hunter22`)).not.toContain('hunter22');
    }
    expect(redactUrl('https://x.test/?X-Amz-Signature=deadbeef')).not.toContain('deadbeef');
  });

  it('strips user:pass@ from the authority', () => {
    expect(redactUrl('https://alice:s3cret@proxy.test:8080/path')).toBe(
      'https://proxy.test:8080/path',
    );
  });

  it('still masks what it can in a string that is not a valid URL', () => {
    const result = redactUrl('not a url //bob:pw@host?token=abc&x=1');
    expect(result).not.toContain('abc');
    expect(result).not.toContain('pw');
    expect(result).toContain('x=1');
  });
});
