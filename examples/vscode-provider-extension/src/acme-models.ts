import type { ModelInfo } from '@retouch/core/provider';

/** What Acme's one model can do, as data: Retouch builds its option picks from this. */
export const acmeModels: readonly ModelInfo[] = [
  {
    id: 'acme-edit-1',
    displayName: 'Acme Edit 1',
    capabilities: {
      sizes: { presets: ['auto', '1024x1024', '1536x1024', '1024x1536'] },
      n: { min: 1, max: 4 },
      maxImagesPerCall: 4,
      maxInputImages: 4,
      inputMediaTypes: ['image/png', 'image/jpeg', 'image/webp'],
      maxInputBytes: 25 * 1024 * 1024,
      mask: true,
      outputFormats: ['png', 'webp'],
      outputCompression: false,
      backgrounds: [],
      qualities: [],
      inputFidelity: false,
      streaming: false,
      maxPromptLength: 4000,
    },
  },
];
