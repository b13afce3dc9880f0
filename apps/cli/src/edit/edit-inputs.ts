import {
  type EditImageOptions,
  type ImageEditProvider,
  type ModelCapabilities,
  RetouchError,
  sniffImage,
} from '@retouch/core';
import { outputFormatFor } from '@retouch/output';
import { nodeOutputFileSystem as fs } from '@retouch/output/node';

/** The model to use: the one named, else the provider's first. */
export function modelOf(provider: ImageEditProvider, model: string | undefined): string {
  const id = model ?? provider.models[0]?.id;
  if (id === undefined) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: `${provider.id} lists no models, so name one with --model (or RETOUCH_MODEL).`,
      issues: [{ field: 'model', message: 'required' }],
    });
  }
  return id;
}

export function capabilitiesOf(
  provider: ImageEditProvider,
  model: string,
): ModelCapabilities | undefined {
  return (
    provider.models.find((info) => info.id === model)?.capabilities ??
    provider.describeModel?.(model)?.model.capabilities
  );
}

/** The options that follow from one source: its own format back, unless one was asked for. */
export async function itemOptions(
  job: { provider: ImageEditProvider; options: EditImageOptions },
  model: string,
  source: string,
): Promise<Pick<EditImageOptions, 'outputFormat'>> {
  const outputFormat = outputFormatFor({
    requested: job.options.outputFormat,
    sourceMediaType: await sniffFile(source),
    capabilities: capabilitiesOf(job.provider, model),
    background: job.options.background,
    outputCompression: job.options.outputCompression,
  });
  return outputFormat === undefined ? {} : { outputFormat };
}

/** The first image's type from its first bytes; undefined when unreadable (the engine says why). */
async function sniffFile(path: string): Promise<string | undefined> {
  try {
    return sniffImage(await fs.readStart!(path, 64 * 1024))?.mediaType;
  } catch {
    return undefined;
  }
}
