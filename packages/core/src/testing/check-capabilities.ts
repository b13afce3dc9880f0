import type { ModelInfo } from '../contract/capabilities.js';

const mediaTypes = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
const formats = ['png', 'jpeg', 'webp'];
const backgrounds = ['auto', 'transparent', 'opaque'];
const positiveInteger = (value: number) => Number.isInteger(value) && value > 0;

/** Lists what is inconsistent in a model's declared capabilities; empty when all is well. */
export function checkCapabilities(model: ModelInfo): string[] {
  const caps = model.capabilities;
  const problems: string[] = [];
  const fail = (message: string) => problems.push(`${model.id}: ${message}`);
  if (!model.id) fail('id is empty');
  if (!positiveInteger(caps.n.min) || !positiveInteger(caps.n.max) || caps.n.min > caps.n.max) {
    fail(`n must be whole numbers with 1 <= min <= max (got ${caps.n.min}..${caps.n.max})`);
  }
  if (!positiveInteger(caps.maxImagesPerCall))
    fail('maxImagesPerCall must be a whole number above 0');
  if (!positiveInteger(caps.maxInputImages)) fail('maxInputImages must be a whole number above 0');
  if (!(caps.maxInputBytes > 0)) fail('maxInputBytes must be above 0');
  if (!positiveInteger(caps.maxPromptLength))
    fail('maxPromptLength must be a whole number above 0');
  if (caps.inputMediaTypes.length === 0) fail('inputMediaTypes is empty');
  for (const type of caps.inputMediaTypes) {
    if (!mediaTypes.includes(type)) fail(`inputMediaTypes has unknown "${type}"`);
  }
  for (const format of caps.outputFormats) {
    if (!formats.includes(format)) fail(`outputFormats has unknown "${format}"`);
  }
  for (const background of caps.backgrounds) {
    if (!backgrounds.includes(background)) fail(`backgrounds has unknown "${background}"`);
  }
  if (caps.backgrounds.includes('transparent') && caps.outputFormats.length > 0) {
    if (!caps.outputFormats.some((format) => format === 'png' || format === 'webp')) {
      fail('a transparent background needs png or webp among outputFormats');
    }
  }
  if (caps.outputCompression && !caps.outputFormats.some((f) => f === 'jpeg' || f === 'webp')) {
    fail('outputCompression needs jpeg or webp among outputFormats');
  }
  if (
    caps.streaming &&
    !(Number.isInteger(caps.streaming.partialImages) && caps.streaming.partialImages >= 0)
  ) {
    fail('streaming.partialImages must be a whole number from 0');
  }
  for (const preset of caps.sizes.presets) {
    if (preset !== 'auto' && !/^\d+x\d+$/.test(preset))
      fail(`size preset "${preset}" is neither auto nor WxH`);
  }
  const rule = caps.sizes.custom;
  if (rule?.minEdge !== undefined && rule.maxEdge !== undefined && rule.minEdge > rule.maxEdge) {
    fail('sizes.custom.minEdge is above maxEdge');
  }
  if (
    rule?.minPixels !== undefined &&
    rule.maxPixels !== undefined &&
    rule.minPixels > rule.maxPixels
  ) {
    fail('sizes.custom.minPixels is above maxPixels');
  }
  return problems;
}
