/**
 * What the harness did, step by step, with the retries it needed: written into the failure log
 * of a test, and printed as it happens with RETOUCH_E2E_TRACE=1.
 */
const entries: string[] = [];
const MAX_ENTRIES = 1_000;

export function logStep(message: string): void {
  const line = `${new Date().toISOString().slice(11, 23)} ${message}`;
  entries.push(line);
  if (entries.length > MAX_ENTRIES) entries.shift();
  if (process.env.RETOUCH_E2E_TRACE) process.stderr.write(`[e2e] ${line}\n`);
}

/** The steps logged so far in this test file. */
export function stepLog(): string {
  return entries.join('\n');
}
