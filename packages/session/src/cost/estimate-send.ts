import type { ModelPricing } from '@retouch/core';
import { estimateEditCost, formatMoney } from '@retouch/core/cost';
import { estimateInputCost } from './input-token-estimate.js';

/** An edit's estimate: the output images by the published prices, plus its inputs. */
export interface SendEstimate {
  amount?: number;
  currency?: string;
  /** "about $0.19 (3 images $0.17 + inputs $0.02, about 1,600 tokens)", or why there is none. */
  text: string;
}

export interface SendEstimateRequest {
  model: string;
  pricing?: ModelPricing;
  options: { n?: number; size?: string; quality?: string; inputFidelity?: string };
  /** The sizes of the images sent. */
  images: readonly { width: number; height: number }[];
  prompt: string;
}

/**
 * What one edit is expected to cost before it is sent, in plain words: the output images at
 * the model's prices, plus its inputs (images and prompt) for a token-billed model.
 */
export function estimateSend(request: SendEstimateRequest): SendEstimate {
  const { pricing, options } = request;
  const n = options.n ?? 1;
  const output = estimateEditCost({
    model: request.model,
    ...(pricing ? { pricing } : {}),
    n,
    ...(options.size ? { size: options.size } : {}),
    ...(options.quality ? { quality: options.quality } : {}),
  });
  const fidelity =
    options.inputFidelity === 'high' || options.inputFidelity === 'low'
      ? options.inputFidelity
      : undefined;
  const inputs = estimateInputCost(pricing, request.images, request.prompt, fidelity);
  if (output.kind !== 'estimate') {
    return { text: 'cost unknown: no prices are known for this model' };
  }
  const amount = output.amount + (inputs?.amount ?? 0);
  const money = (value: number) => formatMoney(value, output.currency);
  const outputs = `${n === 1 ? '1 image' : `${n} images`} ${money(output.amount)}`;
  const detail = inputs
    ? `${outputs} + inputs ${money(inputs.amount)}, about ${inputs.tokens.toLocaleString('en')} tokens`
    : outputs;
  return { amount, currency: output.currency, text: `about ${money(amount)} (${detail})` };
}
