import {
  type ImageEditProvider,
  type ModelCapabilities,
  type ModelInfo,
  RetouchError,
} from '@retouch/core';
import { sniffImage } from '@retouch/core/provider';
import { type OutputFileSystem, outputFormatFor } from '@retouch/output';
import type { EditOptions } from './edit-request.js';

/** The model to use: the one named, else the provider's first. */
export function modelOf(provider: ImageEditProvider, model: string | undefined): string {
  const id = model ?? provider.models[0]?.id;
  if (id === undefined) {
    throw new RetouchError({
      code: 'invalid_request',
      provider: provider.id,
      message: `${provider.id} lists no models, so name the model to use.`,
      issues: [{ field: 'model', message: 'required' }],
    });
  }
  return id;
}

/** What the provider knows of a model: listed, or described on request (a gateway's). */
export function modelInfoOf(provider: ImageEditProvider, model: string): ModelInfo | undefined {
  return (
    provider.models.find((info) => info.id === model) ?? provider.describeModel?.(model)?.model
  );
}

export function capabilitiesOf(
  provider: ImageEditProvider,
  model: string,
): ModelCapabilities | undefined {
  return modelInfoOf(provider, model)?.capabilities;
}

/** The options that follow from one source: its own format back, unless one was asked for. */
export async function sourceOptions<Location>(
  fs: OutputFileSystem<Location>,
  plan: { options: EditOptions; capabilities?: ModelCapabilities },
  source: Location,
): Promise<Pick<EditOptions, 'outputFormat'>> {
  const outputFormat = outputFormatFor({
    requested: plan.options.outputFormat,
    sourceMediaType: await sniffSource(fs, source),
    capabilities: plan.capabilities,
    background: plan.options.background,
    outputCompression: plan.options.outputCompression,
  });
  return outputFormat === undefined ? {} : { outputFormat };
}

/** A source's type from its first bytes; undefined when unreadable (the engine says why). */
async function sniffSource<Location>(
  fs: OutputFileSystem<Location>,
  source: Location,
): Promise<string | undefined> {
  try {
    const head = fs.readStart ? await fs.readStart(source, 64 * 1024) : await fs.readFile(source);
    return sniffImage(head)?.mediaType;
  } catch {
    return undefined;
  }
}
