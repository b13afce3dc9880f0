import type { ModelCapabilities } from '@retouch/core';
import type { Background, ImageMediaType, OutputFormat } from '@retouch/core/provider';

export interface OutputFormatChoice {
  /** The format the user picked, if any: it always wins. */
  requested?: OutputFormat;
  /** The first source image's type, as sniffed from its bytes. */
  sourceMediaType?: ImageMediaType | string;
  /** The model's capabilities; without them nothing is chosen for the user. */
  capabilities?: Pick<ModelCapabilities, 'outputFormats'>;
  background?: Background;
  /** Set when the user asked for compression, which only JPEG and WebP take. */
  outputCompression?: number;
}

const formatBySource: Partial<Record<string, OutputFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/webp': 'webp',
  'image/gif': 'png',
};

/**
 * The output format to ask for: the user's pick, else the source's own (a JPEG comes back as a
 * JPEG, not a PNG ten times its size) when the model offers it. Undefined leaves the model's
 * default. A transparent background never gets JPEG, and compression never gets PNG, because
 * the engine would refuse either combination.
 */
export function outputFormatFor(choice: OutputFormatChoice): OutputFormat | undefined {
  if (choice.requested) return choice.requested;
  const offered = choice.capabilities?.outputFormats ?? [];
  const wanted = choice.sourceMediaType ? formatBySource[choice.sourceMediaType] : undefined;
  if (!wanted || !offered.includes(wanted)) return undefined;
  if (wanted === 'jpeg' && choice.background === 'transparent') return undefined;
  if (wanted === 'png' && choice.outputCompression !== undefined) return undefined;
  return wanted;
}
