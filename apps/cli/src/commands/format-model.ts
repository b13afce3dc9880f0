import type { ModelCapabilities, ModelInfo } from '@retouch/core';
import type { ModelLifecycleNotice } from '@retouch/core/provider';

/** One model as `retouch models` shows it: a title line, then one line per capability. */
export function formatModel(model: ModelInfo, lifecycle?: ModelLifecycleNotice): string {
  const c = model.capabilities;
  const rows: [string, string][] = [];
  if (model.wire) rows.push(['wire', wireLabel(model.wire)]);
  if (lifecycle) rows.push(['lifecycle', `${lifecycle.urgent ? '⚠ ' : ''}${lifecycle.message}`]);
  rows.push(
    ['sizes', formatSizes(c)],
    ['images', `${formatRange(c.n.min, c.n.max)} per edit (${c.maxImagesPerCall} per call)`],
    [
      'inputs',
      `up to ${c.maxInputImages} (${c.inputMediaTypes.map((t) => t.replace('image/', '')).join(', ')}), ${formatMegabytes(c.maxInputBytes)} each`,
    ],
    ['mask', c.mask ? 'yes' : 'no'],
    [
      'formats',
      `${c.outputFormats.join(', ') || '—'}${c.outputCompression ? ' (compression 0–100)' : ''}`,
    ],
    ['background', c.backgrounds.join(', ') || '—'],
    ['quality', c.qualities.join(', ') || '—'],
    ['fidelity', c.inputFidelity ? 'high, low' : '—'],
    ['streaming', c.streaming ? `up to ${c.streaming.partialImages} partial images` : 'no'],
    ['prompt', `up to ${c.maxPromptLength} characters`],
  );
  const title =
    model.displayName && model.displayName !== model.id
      ? `${model.id}  (${model.displayName})`
      : model.id;
  return [title, ...rows.map(([label, value]) => `  ${label.padEnd(11)} ${value}`), ''].join('\n');
}

function wireLabel(wire: string): string {
  if (wire === 'images') return 'images (POST /images/edits)';
  if (wire === 'chat') return 'chat (POST /chat/completions)';
  return wire;
}

function formatSizes(c: ModelCapabilities): string {
  const presets = c.sizes.presets.join(', ');
  const custom = c.sizes.custom;
  if (!custom) return presets || '—';
  const rules = [
    custom.minEdge !== undefined || custom.maxEdge !== undefined
      ? `edges ${custom.minEdge ?? 1}–${custom.maxEdge ?? '∞'}`
      : '',
    custom.multipleOf ? `multiples of ${custom.multipleOf}` : '',
    custom.maxAspectRatio ? `ratio ≤ ${custom.maxAspectRatio}:1` : '',
    custom.minPixels !== undefined || custom.maxPixels !== undefined
      ? `${formatCount(custom.minPixels ?? 1)}–${custom.maxPixels === undefined ? '∞' : formatCount(custom.maxPixels)} pixels`
      : '',
  ].filter(Boolean);
  return `${presets ? `${presets}, ` : ''}any WxH${rules.length ? ` (${rules.join(', ')})` : ''}`;
}

function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

function formatRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}

function formatMegabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
