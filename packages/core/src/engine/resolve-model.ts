import type { ModelInfo } from '../contract/capabilities.js';
import type { ImageEditProvider } from '../contract/provider.js';
import type { EditWarning } from '../contract/warning.js';
import { RetouchError } from '../errors/retouch-error.js';
import { modelLifecycleWarning } from '../models/model-lifecycle.js';

/**
 * Finds the model's capabilities in the provider's table, or asks the provider about an unlisted
 * id. The warnings (an unknown id, a shutdown past or near) are for the user before anything is sent.
 */
export function resolveModel(
  provider: ImageEditProvider,
  modelId: string,
): { model: ModelInfo; warnings: EditWarning[] } {
  const listed = provider.models.find((model) => model.id === modelId);
  if (listed) return { model: listed, warnings: lifecycleWarnings(listed) };
  const described = provider.describeModel?.(modelId);
  if (described) {
    return {
      model: described.model,
      warnings: [
        described.warning ?? {
          type: 'unknown-model',
          model: modelId,
          message: `${provider.id} does not list ${modelId}; its capabilities are assumed, so the server may reject options it lacks.`,
        },
        ...lifecycleWarnings(described.model),
      ],
    };
  }
  const available = provider.models.map((model) => model.id).join(', ') || 'none';
  throw new RetouchError({
    code: 'invalid_request',
    provider: provider.id,
    message: `${provider.id} has no model "${modelId}". Available: ${available}.`,
    issues: [{ field: 'model', message: `unknown model; available: ${available}` }],
  });
}

function lifecycleWarnings(model: ModelInfo): EditWarning[] {
  const warning = modelLifecycleWarning(model);
  return warning ? [warning] : [];
}
