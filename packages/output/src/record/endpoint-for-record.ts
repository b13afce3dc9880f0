/**
 * `https://host/v1` from a base URL, dropping `user:pass@`, the query (`?api-version=…&key=…`)
 * and the fragment: what a record may say about where an edit went. Undefined for anything that
 * is not a URL.
 */
export function endpointForRecord(baseURL: unknown): string | undefined {
  if (typeof baseURL !== 'string') return undefined;
  try {
    const url = new URL(baseURL);
    return `${url.origin}${url.pathname}`.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
