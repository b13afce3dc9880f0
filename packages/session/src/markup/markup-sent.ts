import type { EditPlan } from '../plan/edit-request.js';
import { frameMarkupPrompt, type MarkupDelivery } from './frame-markup-prompt.js';
import { markupDeliveryFor } from './markup-edit-inputs.js';

/**
 * How a plan's marks reach the model, and the prompt that tells it to follow them; undefined
 * without marks. One decision for the run, its pending job and its record, so a resumed or
 * re-run edit sends and records exactly what the first did.
 * - A marked-up copy (`markup`) goes as the model's capabilities say; a `layer` model gets the
 *   marks layer beside the source when the host has one, else the marked-up copy (flattened).
 * - A marks layer alone (the CLI's `--markup`) goes as a layer to a `layer` model; the engine
 *   draws it onto the image for any other.
 */
export function markupSentOf<Location>(
  plan: Pick<
    EditPlan<Location>,
    'markup' | 'markupLayer' | 'markupSent' | 'capabilities' | 'prompt'
  >,
): { delivery: MarkupDelivery; prompt: string } | undefined {
  if (plan.markup === undefined && plan.markupLayer === undefined) return undefined;
  const hasLayer = plan.markupLayer !== undefined;
  const wanted =
    plan.markupSent?.delivery ??
    (plan.markup === undefined
      ? plan.capabilities?.markupInput === 'layer'
        ? 'layer'
        : 'flattened'
      : plan.capabilities
        ? markupDeliveryFor(plan.capabilities)
        : 'flattened');
  const delivery: MarkupDelivery =
    (wanted === 'layer' && !hasLayer) || (wanted === 'reference' && plan.markup === undefined)
      ? 'flattened'
      : wanted;
  const prompt =
    plan.markupSent?.delivery === delivery
      ? plan.markupSent.prompt
      : frameMarkupPrompt(plan.prompt, delivery);
  return { delivery, prompt };
}
