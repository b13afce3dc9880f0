/**
 * Where a secret shows in an error as a user or a log could see it: its message, `toString()`,
 * JSON, stack, and the messages of its causes. Returns the places, empty when nothing leaks.
 */
export function findSecretLeaks(error: unknown, secrets: readonly string[]): string[] {
  const places: Array<[string, string]> = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const prefix = depth === 0 ? '' : `cause${depth}.`;
    if (current instanceof Error) {
      places.push([`${prefix}message`, current.message], [`${prefix}stack`, current.stack ?? '']);
    }
    places.push([`${prefix}toString()`, String(current)]);
    try {
      places.push([`${prefix}JSON`, JSON.stringify(current) ?? '']);
    } catch {
      // Not serialisable: nothing to leak through JSON.
    }
    current = current instanceof Error ? current.cause : undefined;
  }
  const leaks: string[] = [];
  for (const secret of secrets) {
    if (!secret) continue;
    for (const [place, text] of places) if (text.includes(secret)) leaks.push(place);
  }
  return leaks;
}
