const redacted = '[redacted]';

/** Below this length a "secret" is more likely a placeholder than a key, and would mangle text. */
const minimumSecretLength = 4;

/**
 * Replaces every occurrence of each secret, raw or percent-encoded (as it would sit in a URL),
 * with "[redacted]".
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < minimumSecretLength) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is replaced whole.
  let result = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    if (result.includes(needle)) result = result.split(needle).join(redacted);
  }
  return result;
}

const sensitiveQueryParams = new Set([
  'key',
  'api_key',
  'api-key',
  'apikey',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'sig',
  'signature',
  'code',
  'password',
  'secret',
  'client_secret',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
  'x-goog-credential',
]);

/**
 * A URL fit for logs and messages: `user:pass@` removed and the values of query parameters that
 * carry credentials (key, token, signature, …) masked. Everything else is kept as written.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactUnparsableUrl(url);
  }
  parsed.username = '';
  parsed.password = '';
  // Rebuilt by hand rather than through URLSearchParams, which would re-encode the whole query.
  const query = parsed.search.slice(1);
  if (query !== '') {
    parsed.search = query
      .split('&')
      .map((pair) => {
        const separator = pair.indexOf('=');
        const rawName = separator === -1 ? pair : pair.slice(0, separator);
        return isSensitiveParam(rawName) ? `${rawName}=${redacted}` : pair;
      })
      .join('&');
  }
  return parsed.href.replaceAll('%5Bredacted%5D', redacted);
}

function isSensitiveParam(rawName: string): boolean {
  let name = rawName;
  try {
    name = decodeURIComponent(rawName.replaceAll('+', ' '));
  } catch {
    // A malformed escape: judge the name as written.
  }
  return sensitiveQueryParams.has(name.trim().toLowerCase());
}

function redactUnparsableUrl(url: string): string {
  return url
    .replace(/\/\/[^/@\s]*@/, '//')
    .replace(/([?&])([^=&#\s]+)=([^&#\s]*)/g, (match, prefix: string, name: string) =>
      isSensitiveParam(name) ? `${prefix}${name}=${redacted}` : match,
    );
}
