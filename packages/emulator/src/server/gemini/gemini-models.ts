/**
 * The image models the emulator answers on `…/models/{model}:generateContent`, as the Gemini
 * API's `models.list` describes them. Output sizes per aspect ratio at 1K follow Google's image
 * generation guide (Gemini 3 models double them at 2K and quadruple them at 4K).
 */
export interface GeminiImageModel {
  name: string;
  displayName: string;
  /** Whether `imageConfig.imageSize` (1K/2K/4K) is accepted. */
  imageSizes: boolean;
  /** Input images accepted in one request. */
  maxInputImages: number;
  /** Output tokens of one image per size tier, as Google bills them. */
  imageTokens: { '1K': number; '2K'?: number; '4K'?: number };
  table: 'gemini-3' | 'gemini-2.5';
}

export const aspectRatios = [
  '1:1',
  '2:3',
  '3:2',
  '3:4',
  '4:3',
  '4:5',
  '5:4',
  '9:16',
  '16:9',
  '21:9',
] as const;

const sizesAt1K: Record<GeminiImageModel['table'], Record<string, [number, number]>> = {
  'gemini-3': {
    '1:1': [1024, 1024],
    '2:3': [848, 1264],
    '3:2': [1264, 848],
    '3:4': [896, 1200],
    '4:3': [1200, 896],
    '4:5': [928, 1152],
    '5:4': [1152, 928],
    '9:16': [768, 1376],
    '16:9': [1376, 768],
    '21:9': [1584, 672],
  },
  'gemini-2.5': {
    '1:1': [1024, 1024],
    '2:3': [832, 1248],
    '3:2': [1248, 832],
    '3:4': [864, 1184],
    '4:3': [1184, 864],
    '4:5': [896, 1152],
    '5:4': [1152, 896],
    '9:16': [768, 1344],
    '16:9': [1344, 768],
    '21:9': [1536, 672],
  },
};

const pro = (name: string, displayName: string): GeminiImageModel => ({
  name,
  displayName,
  imageSizes: true,
  maxInputImages: 14,
  imageTokens: { '1K': 1120, '2K': 1120, '4K': 2000 },
  table: 'gemini-3',
});
const flash31 = (name: string, displayName: string): GeminiImageModel => ({
  name,
  displayName,
  imageSizes: true,
  maxInputImages: 14,
  imageTokens: { '1K': 1120, '2K': 1680, '4K': 2520 },
  table: 'gemini-3',
});

export const geminiImageModels: readonly GeminiImageModel[] = [
  pro('gemini-3-pro-image', 'Nano Banana Pro'),
  pro('gemini-3-pro-image-preview', 'Nano Banana Pro (preview)'),
  flash31('gemini-3.1-flash-image', 'Nano Banana 2'),
  flash31('gemini-3.1-flash-image-preview', 'Nano Banana 2 (preview)'),
  {
    name: 'gemini-2.5-flash-image',
    displayName: 'Nano Banana',
    imageSizes: false,
    maxInputImages: 3,
    imageTokens: { '1K': 1290 },
    table: 'gemini-2.5',
  },
];

/** A listed model, or (for gateways' own names) any name with `image` in it, as a Gemini 3 model. */
export function findGeminiModel(name: string): GeminiImageModel | undefined {
  const listed = geminiImageModels.find((model) => model.name === name);
  if (listed) return listed;
  return /image/i.test(name) ? { ...pro(name, name) } : undefined;
}

/** The output size for a ratio and size tier, or (neither asked) the ratio nearest the input's. */
export function outputSize(
  model: GeminiImageModel,
  aspectRatio: string | undefined,
  imageSize: string | undefined,
  input: { width: number; height: number },
): [number, number] {
  const table = sizesAt1K[model.table];
  const ratio = aspectRatio ?? nearestRatio(input.width / input.height);
  const [width, height] = table[ratio] ?? table['1:1']!;
  const scale = imageSize === '4K' ? 4 : imageSize === '2K' ? 2 : 1;
  return [width * scale, height * scale];
}

function nearestRatio(value: number): string {
  let best: string = '1:1';
  let distance = Number.POSITIVE_INFINITY;
  for (const ratio of aspectRatios) {
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    const d = Math.abs(Math.log(value) - Math.log(w / h));
    if (d < distance) {
      best = ratio;
      distance = d;
    }
  }
  return best;
}

/** `models.list` entries, `{name: "models/…", …}`. */
export function listedGeminiModels(): Record<string, unknown>[] {
  return geminiImageModels.map((model) => ({
    name: `models/${model.name}`,
    version: model.name.endsWith('-preview') ? 'preview' : '1.0',
    displayName: model.displayName,
    description: `${model.displayName}: image generation and editing (retouch-emulator)`,
    inputTokenLimit: model.table === 'gemini-2.5' ? 32_768 : 65_536,
    outputTokenLimit: 32_768,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
  }));
}
