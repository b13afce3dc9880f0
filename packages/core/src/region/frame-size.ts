import type { SizeCapabilities } from '../contract/capabilities.js';

/** What to ask the model for, and how to pad a picture of another aspect ratio to fit it. */
export interface FramePlan {
  /** The `size` to request, e.g. `1536x1024`. */
  size: string;
  /** The picture padded to the size's aspect ratio (its own size when no padding is needed). */
  canvas: { width: number; height: number };
  /** Where the picture sits inside the canvas. */
  left: number;
  top: number;
  padded: boolean;
}

/** Aspect ratios closer than this (in log terms, about 1%) count as the same framing. */
const sameAspect = 0.01;

function dims(size: string): [number, number] | undefined {
  const match = /^(\d+)x(\d+)$/.exec(size);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * The supported size closest to a `width`×`height` picture's aspect ratio (custom sizes at the
 * largest the model allows; presets by aspect ratio), and the padding that makes the picture
 * fit it when none matches. Undefined when the model states no sizes to choose from.
 */
export function planFrame(
  width: number,
  height: number,
  sizes: SizeCapabilities,
): FramePlan | undefined {
  const aspect = width / height;
  let target: [number, number] | undefined;
  let clamped = false;
  const rule = sizes.custom;
  if (rule?.multipleOf && rule.maxEdge) {
    const m = rule.multipleOf;
    const maxAspect = rule.maxAspectRatio ?? Number.POSITIVE_INFINITY;
    const a = Math.min(maxAspect, Math.max(1 / maxAspect, aspect));
    clamped = a !== aspect;
    const maxPixels = rule.maxPixels ?? rule.maxEdge * rule.maxEdge;
    // As large as the rules allow (never larger than the picture needs), in multiples of m.
    let w = Math.min(rule.maxEdge, Math.sqrt(maxPixels * a), Math.max(width, m));
    let h = w / a;
    if (h > rule.maxEdge) [h, w] = [rule.maxEdge, rule.maxEdge * a];
    w = Math.max(m, Math.floor(w / m) * m);
    h = Math.max(m, Math.floor(h / m) * m);
    if (rule.minPixels && w * h < rule.minPixels) {
      const grow = Math.sqrt(rule.minPixels / (w * h));
      w = Math.ceil((w * grow) / m) * m;
      h = Math.ceil((h * grow) / m) * m;
    }
    target = [w, h];
  } else {
    let best = Number.POSITIVE_INFINITY;
    for (const preset of sizes.presets) {
      const d = dims(preset);
      if (!d) continue;
      const distance = Math.abs(Math.log(d[0] / d[1]) - Math.log(aspect));
      const larger = target && distance === best && d[0] * d[1] > target[0] * target[1];
      if (distance < best - 1e-9 || larger) [best, target] = [distance, d];
    }
  }
  if (!target) return undefined;
  const size = `${target[0]}x${target[1]}`;
  const targetAspect = target[0] / target[1];
  // A custom size matches the aspect ratio up to rounding to its multiple: only a clamp needs padding.
  const matches =
    rule?.multipleOf && rule.maxEdge
      ? !clamped
      : Math.abs(Math.log(targetAspect / aspect)) <= sameAspect;
  if (matches) {
    return { size, canvas: { width, height }, left: 0, top: 0, padded: false };
  }
  const canvas =
    targetAspect > aspect
      ? { width: Math.round(height * targetAspect), height }
      : { width, height: Math.round(width / targetAspect) };
  return {
    size,
    canvas,
    left: Math.floor((canvas.width - width) / 2),
    top: Math.floor((canvas.height - height) / 2),
    padded: true,
  };
}
