import type { EditImageOptions, ModelInfo } from '@retouch/core';
import { formatMoney } from '@retouch/core/cost';
import { sniffImage } from '@retouch/core/provider';
import { estimateSend, type SendEstimate } from '@retouch/session';
import { modelPricing } from '../host/pricing.js';
import type { RetouchServices } from '../host/services.js';
import { confirmCostAbove } from '../host/settings.js';
import { quickPickOnce } from './quick-pick-once.js';

/** The session's estimate of one edit, at the prices this window uses for the model. */
export function estimateSendFor(
  services: RetouchServices,
  model: ModelInfo,
  options: { n?: number; size?: string; quality?: string; inputFidelity?: string },
  images: readonly { width: number; height: number }[],
  prompt: string,
): SendEstimate {
  const pricing = modelPricing(model, services.log);
  return estimateSend({
    model: model.id,
    ...(pricing ? { pricing } : {}),
    options,
    images,
    prompt,
  });
}

/**
 * Before an edit is sent: when its estimate is above what the user asked to confirm (or always,
 * with `always`, for a re-run), says what it will cost in plain words and asks. Resolves true to
 * send.
 */
export async function confirmSendCost(
  services: RetouchServices,
  plan: { target: { model: ModelInfo }; options: EditImageOptions; prompt: string },
  sources: readonly { data: Uint8Array }[],
  always = false,
): Promise<boolean> {
  const images = sources.flatMap((source) => {
    const sniffed = sniffImage(source.data);
    return sniffed ? [{ width: sniffed.width, height: sniffed.height }] : [];
  });
  const estimate = estimateSendFor(services, plan.target.model, plan.options, images, plan.prompt);
  const limit = confirmCostAbove();
  if (!always && (estimate.amount === undefined || estimate.amount <= limit)) return true;
  const send = { label: '$(check) Send', description: estimate.text };
  const stop = { label: '$(close) Don’t Send', description: 'nothing is sent or paid for' };
  const above =
    estimate.amount !== undefined && estimate.amount > limit
      ? `More than ${formatMoney(limit, estimate.currency)}, the amount above which you asked to confirm.`
      : 'Nothing is sent until you say so.';
  const picked = await quickPickOnce({
    title: `Retouch: This Edit Costs ${estimate.text.replace(/ \(.*$/, '')}`,
    placeholder: `${above} Enter sends it; Escape sends nothing.`,
    items: [send, stop],
    active: send,
  });
  services.log.info(
    `Cost confirmation (${estimate.text}): ${picked === send ? 'sent' : 'not sent'}.`,
  );
  return picked === send;
}
