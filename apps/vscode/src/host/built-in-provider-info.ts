import type { RetouchProviderInfo } from '@retouch/vscode-api';

/**
 * The providers Retouch ships, as the activation file knows them without loading their code.
 * `built-in-providers.test.ts` checks this against the plugins themselves.
 */
export const builtInProviderInfo: readonly RetouchProviderInfo[] = [
  { id: 'openai-compatible', displayName: 'OpenAI-compatible', builtIn: true },
  { id: 'queue', displayName: 'Queue (fal-style)', builtIn: true },
];
