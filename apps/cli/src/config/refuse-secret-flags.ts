import { RetouchError } from '@retouch/core';
import { secretFlagPattern } from './secret-flag-names.js';

const credentialQueryParams =
  /^(?:key|api[-_]?key|apikey|token|access[-_]token|secret|password|sig|signature)$/i;

/**
 * Refuses any argument that would put a secret on the command line, where it stays in the shell
 * history and is visible to every local user through `ps`. Runs before flag parsing so a key is
 * refused even under a flag name the command does not know. The message never repeats the value.
 */
export function refuseSecretFlags(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return;
    const flagName = arg.split('=', 1)[0]!;
    if (flagName.startsWith('-') && secretFlagPattern.test(flagName)) {
      throw new RetouchError({
        code: 'invalid_request',
        message: `Refusing ${flagName}: an API key given as a command-line flag is saved in your shell history and visible to other users through the process list. Set it in the environment instead (OPENAI_API_KEY or RETOUCH_OPENAI_API_KEY for openai-compatible, FAL_KEY or RETOUCH_QUEUE_API_KEY for queue, GEMINI_API_KEY or GOOGLE_API_KEY for google, RETOUCH_<PLUGIN>_API_KEY for a plugin), or put it in a config file such as ~/.config/retouch/config.json (chmod 600). If the key was real, consider rotating it, since it is now in your history.`,
        issues: [{ field: flagName, message: 'secrets are not accepted as flags' }],
      });
    }
    if (flagName === '--base-url') {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
      if (value !== undefined) refuseCredentialsInUrl(value);
    }
  }
}

function refuseCredentialsInUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return; // Not a URL: the edit command reports that with its own message.
  }
  const carriesCredential =
    url.username !== '' ||
    url.password !== '' ||
    [...url.searchParams.keys()].some((name) => credentialQueryParams.test(name));
  if (carriesCredential) {
    throw new RetouchError({
      code: 'invalid_request',
      message:
        'Refusing --base-url with a credential in it (user:password@ or a key/token query parameter): it would be saved in your shell history. Pass the base URL without it and set the key in the environment or a config file.',
      issues: [{ field: '--base-url', message: 'contains a credential' }],
    });
  }
}
