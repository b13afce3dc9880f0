import {
  type CostEstimate,
  estimateEditCost,
  formatMoney,
  type ModelInfo,
  sniffImage,
} from '@retouch/core';
import { confirmCostAbove, modelPricing } from '../each/cost-settings.js';
import { quickPickOnce } from '../edit/quick-pick-once.js';
import type { EditPlan } from '../edit/run-edit.js';
import type { RetouchServices } from '../services.js';
import { estimateInputCost } from './input-token-estimate.js';

/** An edit's estimate: the output images by the published prices, plus its inputs. */
export interface SendEstimate {
  amount?: number;
  currency?: string;
  /** "about $0.19 (3 images $0.17 + inputs $0.02, about 1,600 tokens)", or why there is none. */
  text: string;
}

/** What an edit is expected to cost before it is sent, in plain words. */
export function estimateSend(
  services: RetouchServices,
  model: ModelInfo,
  options: { n?: number; size?: string; quality?: string; inputFidelity?: string },
  images: readonly { width: number; height: number }[],
  prompt: string,
): SendEstimate {
  const pricing = modelPricing(model, services.log);
  const n = options.n ?? 1;
  const output: CostEstimate = estimateEditCost({
    model: model.id,
    ...(pricing ? { pricing } : {}),
    n,
    ...(options.size ? { size: options.size } : {}),
    ...(options.quality ? { quality: options.quality } : {}),
  });
  const fidelity =
    options.inputFidelity === 'high' || options.inputFidelity === 'low'
      ? options.inputFidelity
      : undefined;
  const inputs = estimateInputCost(pricing, images, prompt, fidelity);
  if (output.kind !== 'estimate')
    return { text: 'cost unknown: no prices are known for this model' };
  const amount = output.amount + (inputs?.amount ?? 0);
  const money = (value: number) => formatMoney(value, output.currency);
  const outputs = `${n === 1 ? '1 image' : `${n} images`} ${money(output.amount)}`;
  const detail = inputs
    ? `${outputs} + inputs ${money(inputs.amount)}, about ${inputs.tokens.toLocaleString('en')} tokens`
    : outputs;
  return { amount, currency: output.currency, text: `about ${money(amount)} (${detail})` };
}

/**
 * Before an edit is sent: when its estimate is above what the user asked to confirm (or always,
 * with `always`, for a re-run), says what it will cost in plain words and asks. Resolves true to
 * send.
 */
export async function confirmSendCost(
  services: RetouchServices,
  plan: Pick<EditPlan, 'target' | 'options' | 'prompt'>,
  sources: readonly { data: Uint8Array }[],
  always = false,
): Promise<boolean> {
  const images = sources.flatMap((source) => {
    const sniffed = sniffImage(source.data);
    return sniffed ? [{ width: sniffed.width, height: sniffed.height }] : [];
  });
  const estimate = estimateSend(services, plan.target.model, plan.options, images, plan.prompt);
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
