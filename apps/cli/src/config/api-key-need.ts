import type { EditRequest } from '@retouch/session';
import type { ConfiguredProvider } from './create-configured-provider.js';

/**
 * Whether an edit needs an API key, and whether one is set, for the session to refuse before
 * anything is sent. A provider's own endpoint always needs one: without it the images would be
 * uploaded for a 401. With a base URL of the user's own (a gateway, the emulator), `retouch edit`
 * lets the server decide; `retouch mcp` (`anyEndpoint`) asks for a key wherever it sends.
 */
export function apiKeyNeed(
  configured: ConfiguredProvider,
  options: { anyEndpoint?: boolean } = {},
): NonNullable<EditRequest<string>['key']> {
  const takesKey = configured.plugin.secretFields.length > 0;
  const ownEndpoint = configured.settings.pluginConfig.baseURL === undefined;
  return {
    required: takesKey && (options.anyEndpoint === true || ownEndpoint),
    present: configured.settings.keySource !== undefined || configured.settings.secrets.length > 0,
  };
}
