import type { ImageEditProvider } from '../contract/provider.js';
import { RetouchError } from '../errors/retouch-error.js';

/** For JavaScript callers: a clear message instead of a TypeError deep inside the engine. */
export function assertProvider(provider: unknown): asserts provider is ImageEditProvider {
  const candidate = provider as Partial<ImageEditProvider> | null;
  const shaped =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.id === 'string' &&
    Array.isArray(candidate.models);
  if (shaped && candidate.specificationVersion !== 'v1') {
    const version = String((provider as { specificationVersion?: unknown }).specificationVersion);
    throw new RetouchError({
      code: 'invalid_request',
      provider: candidate.id,
      message: `The provider "${candidate.id}" implements contract version ${version}, and this @retouch/core runs v1 providers. Install the @retouch/core version the plugin asks for in its peer dependencies.`,
      issues: [{ field: 'provider', message: `unsupported specificationVersion ${version}` }],
    });
  }
  if (!shaped) {
    throw new RetouchError({
      code: 'invalid_request',
      message:
        'request.provider is not a provider: create one with a plugin, e.g. createRegistry([plugin]).createProvider(id, config).',
      issues: [{ field: 'provider', message: 'expected an ImageEditProvider' }],
    });
  }
  const missing = missingSteps(candidate);
  if (missing !== undefined) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: candidate.id,
      message: `The provider "${candidate.id}" cannot edit: it needs edit(), or jobs with start, watch, result and cancel (${missing}). This is a bug in the provider plugin; please report it.`,
      issues: [{ field: 'provider', message: missing }],
    });
  }
}

/** Why a provider has no way to edit, or undefined when it has one. */
function missingSteps(provider: Partial<ImageEditProvider>): string | undefined {
  const { jobs } = provider;
  if (jobs !== undefined) {
    const steps = ['start', 'watch', 'result', 'cancel'] as const;
    const absent = steps.filter((step) => typeof jobs?.[step] !== 'function');
    return absent.length === 0 ? undefined : `jobs.${absent.join(', jobs.')} missing`;
  }
  return typeof provider.edit === 'function' ? undefined : 'neither edit nor jobs';
}
