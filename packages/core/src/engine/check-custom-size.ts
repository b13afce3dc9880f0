import type { CustomSizeRule } from '../contract/capabilities.js';

/** Returns which rule a `WxH` size breaks, or undefined when it satisfies all of them. */
export function checkCustomSize(size: string, rule: CustomSizeRule): string | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) return 'is not a preset or WxH';
  const width = Number(match[1]);
  const height = Number(match[2]);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const broken: string[] = [];
  if (rule.multipleOf && (width % rule.multipleOf !== 0 || height % rule.multipleOf !== 0)) {
    broken.push(`both edges must be multiples of ${rule.multipleOf}`);
  }
  if (rule.minEdge !== undefined && short < rule.minEdge)
    broken.push(`each edge must be at least ${rule.minEdge}px`);
  if (rule.maxEdge !== undefined && long > rule.maxEdge)
    broken.push(`each edge must be at most ${rule.maxEdge}px`);
  const pixels = width * height;
  if (rule.minPixels !== undefined && pixels < rule.minPixels) {
    broken.push(`it must have at least ${rule.minPixels} pixels (has ${pixels})`);
  }
  if (rule.maxPixels !== undefined && pixels > rule.maxPixels) {
    broken.push(`it must have at most ${rule.maxPixels} pixels (has ${pixels})`);
  }
  if (rule.maxAspectRatio !== undefined && short > 0 && long / short > rule.maxAspectRatio) {
    broken.push(`the long edge may be at most ${rule.maxAspectRatio}x the short edge`);
  }
  if (short === 0) broken.push('edges must be above 0');
  return broken.length > 0 ? `breaks the custom size rule: ${broken.join('; ')}` : undefined;
}
