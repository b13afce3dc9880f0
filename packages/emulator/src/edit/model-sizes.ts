/**
 * The sizes the real image models answer at, per model (OpenAI's image API reference and model
 * pages, 2026): the GPT image 1.x models at three presets, gpt-image-2.x at custom sizes within
 * its limits, dall-e-2 at squares. `auto` picks by the input's aspect ratio, as the real models do.
 * Models not listed here (gateway and custom models) answer at the input's size.
 */
export type SizeRule =
  | { kind: 'presets'; presets: readonly string[]; auto: readonly string[]; fallback: string }
  | {
      kind: 'custom';
      multipleOf: number;
      maxEdge: number;
      minPixels: number;
      maxPixels: number;
      maxAspect: number;
      autoPixels: number;
    };

const GPT1_PRESETS = ['1024x1024', '1024x1536', '1536x1024'] as const;
const gpt1: SizeRule = {
  kind: 'presets',
  presets: [...GPT1_PRESETS, 'auto'],
  auto: GPT1_PRESETS,
  fallback: '1024x1024',
};
const gpt2: SizeRule = {
  kind: 'custom',
  multipleOf: 16,
  maxEdge: 3840,
  minPixels: 655_360,
  maxPixels: 8_294_400,
  maxAspect: 3,
  // `auto` answers near 1.5 megapixels at the input's aspect ratio.
  autoPixels: 1536 * 1024,
};
const dalle2: SizeRule = {
  kind: 'presets',
  presets: ['256x256', '512x512', '1024x1024'],
  auto: ['1024x1024'],
  fallback: '1024x1024',
};

export function sizeRuleFor(model: string | undefined): SizeRule | undefined {
  if (!model) return undefined;
  if (/^(gpt-image-1(\.5)?(-mini)?|chatgpt-image-latest)(-\d{4}-\d{2}-\d{2})?$/.test(model)) {
    return gpt1;
  }
  // gpt-image-2.5 and 2.6 come as -flare and -sunburst (and dated snapshots) and keep 2's rules.
  if (/^gpt-image-2(\.\d+)?(-[a-z]+)?(-\d{4}-\d{2}-\d{2})?$/.test(model)) return gpt2;
  if (model === 'dall-e-2') return dalle2;
  return undefined;
}

function dims(size: string): [number, number] | undefined {
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Why a model refuses `size` (OpenAI's words), or undefined when it takes it. */
export function refuseSize(rule: SizeRule, size: string): string | undefined {
  if (rule.kind === 'presets') {
    if (rule.presets.includes(size)) return undefined;
    const quoted = rule.presets.map((p) => `'${p}'`);
    const list = `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`;
    return `Invalid value: '${size}'. Supported values are: ${list}.`;
  }
  if (size === 'auto') return undefined;
  const d = dims(size);
  const problems: string[] = [];
  if (!d) return `Invalid value: '${size}'. Use 'auto' or WIDTHxHEIGHT.`;
  const [w, h] = d;
  if (w % rule.multipleOf !== 0 || h % rule.multipleOf !== 0)
    problems.push(`width and height must be multiples of ${rule.multipleOf}`);
  if (Math.max(w, h) > rule.maxEdge)
    problems.push(`the longest edge must be at most ${rule.maxEdge}`);
  if (w * h < rule.minPixels || w * h > rule.maxPixels)
    problems.push(`the total pixels must be between ${rule.minPixels} and ${rule.maxPixels}`);
  if (Math.max(w / h, h / w) > rule.maxAspect)
    problems.push(`the aspect ratio must be between 1:${rule.maxAspect} and ${rule.maxAspect}:1`);
  return problems.length > 0 ? `Invalid size '${size}': ${problems.join('; ')}.` : undefined;
}

/** The size the model answers at for `size` (already accepted) and an input of `width`×`height`. */
export function answerSize(
  rule: SizeRule,
  size: string | null | undefined,
  width: number,
  height: number,
): [number, number] {
  const asked = size && size !== 'auto' ? dims(size) : undefined;
  if (asked) return asked;
  if (rule.kind === 'presets') {
    const aspect = Math.log(width / height);
    let best = rule.fallback;
    let distance = Number.POSITIVE_INFINITY;
    for (const preset of rule.auto) {
      const [pw, ph] = dims(preset)!;
      const d = Math.abs(Math.log(pw / ph) - aspect);
      if (d < distance - 1e-9) [best, distance] = [preset, d];
    }
    return dims(best)!;
  }
  const aspect = Math.min(rule.maxAspect, Math.max(1 / rule.maxAspect, width / height));
  const m = rule.multipleOf;
  const w = Math.round(Math.sqrt(rule.autoPixels * aspect) / m) * m;
  const h = Math.round(Math.sqrt(rule.autoPixels / aspect) / m) * m;
  return [w, h];
}
