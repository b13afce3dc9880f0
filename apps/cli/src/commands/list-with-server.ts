import { type ImageEditProvider, isRetouchError, type ModelInfo } from '@retouch/core';

/** Whether the server's own list went into the table, for `retouch models` to say. */
export type ServerListing =
  | { status: 'merged' }
  | { status: 'not-asked'; reason: string }
  | { status: 'unavailable'; message: string };

/** Long enough for a slow gateway, short enough that a listing never feels stuck. */
const listTimeoutMs = 20_000;

/**
 * The provider's table, merged with the server's list when asked and possible. A server that
 * cannot list models still leaves a useful answer: the built-in and configured models, and why.
 */
export async function listWithServer(
  provider: ImageEditProvider,
  ask: boolean,
): Promise<{ models: readonly ModelInfo[]; server: ServerListing }> {
  if (!provider.listModels) {
    return {
      models: provider.models,
      server: { status: 'not-asked', reason: 'the provider lists no server models' },
    };
  }
  if (!ask) {
    return {
      models: provider.models,
      server: { status: 'not-asked', reason: 'no key or base URL configured, or --offline' },
    };
  }
  try {
    const models = await provider.listModels({ signal: AbortSignal.timeout(listTimeoutMs) });
    return { models, server: { status: 'merged' } };
  } catch (error) {
    const why = isRetouchError(error) ? error.message : String(error);
    return {
      models: provider.models,
      server: {
        status: 'unavailable',
        message: `the server's model list could not be read, so these are the built-in and configured models only: ${why}`,
      },
    };
  }
}
