// Plain patterns, with no import: `bin.ts` checks every command line with them before it loads
// anything else, so a command that starts fast (`retouch mcp`) does not pay for the refusal's
// error type unless there is something to refuse.

/**
 * Flag names that would carry a credential: `--api-key`, `--key`, `--openai-api-key`, `--token`,
 * `--fal-key`, `--password`, `--secret`, `--auth`, `--bearer`… in any spelling.
 */
export const secretFlagPattern =
  /^--?(?:[a-z0-9]+[-_])*(?:api[-_]?key|apikey|key|token|secret|password|passwd|auth|authorization|bearer|credentials?)$/i;

/** True when an argument needs `refuseSecretFlags`' closer look: a secret's flag, or `--base-url`. */
export function mayCarrySecret(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    const flagName = arg.split('=', 1)[0]!;
    if (flagName === '--base-url') return true;
    if (flagName.startsWith('-') && secretFlagPattern.test(flagName)) return true;
  }
  return false;
}
