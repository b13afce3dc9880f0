import type { ModelInfo } from '@retouch/core';
import { describeModelLifecycle } from '@retouch/core/provider';

/** A model as the picker shows it; `modelId` is absent for the "Other Model ID…" entry. */
export interface ModelPickItem {
  modelId?: string;
  label: string;
  description?: string;
  detail?: string;
}

function summary(model: ModelInfo): string {
  const caps = model.capabilities;
  return [
    model.wire === 'chat' ? 'via chat completions' : undefined,
    caps.mask ? 'mask' : 'no mask',
    `up to ${caps.maxInputImages} input ${caps.maxInputImages === 1 ? 'image' : 'images'}`,
    `n ${caps.n.min}–${caps.n.max}`,
    caps.outputFormats.join('/') || undefined,
    caps.streaming ? 'partial images' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Which model to list first, and which one is in use (only under the provider in use). */
export interface ModelPickOrder {
  first?: string;
  selected?: string;
}

/**
 * The picker's entries: `first` first, each with what it can do and, for a model that is
 * retiring, when it shuts down (flagged when that is past or near). Only the model in use is
 * marked "selected".
 */
export function modelPickItems(
  models: readonly ModelInfo[],
  { first, selected }: ModelPickOrder,
  now: Date = new Date(),
): ModelPickItem[] {
  const items = models.map((model): ModelPickItem => {
    const lifecycle = describeModelLifecycle(model, now);
    const description = [
      model.displayName,
      model.id === selected ? 'selected' : undefined,
      lifecycle?.state === 'shut-down' ? 'shut down' : undefined,
      lifecycle?.state === 'shutting-down'
        ? `shuts down ${model.lifecycle?.shutdownDate}`
        : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    const detail = lifecycle
      ? `${lifecycle.urgent ? '$(warning) ' : ''}${lifecycle.message} ${summary(model)}`
      : summary(model);
    return {
      modelId: model.id,
      label: model.id,
      ...(description ? { description } : {}),
      detail,
    };
  });
  items.sort((a, b) => Number(b.modelId === first) - Number(a.modelId === first));
  return items;
}
