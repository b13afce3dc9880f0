import { createReadStream } from 'node:fs';
import { createRegistry, editImage } from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import OpenAI from 'openai';
import sharp from 'sharp';

export interface RegionEditRun {
  ms: number;
  cpuMs: number;
  /** The result the client holds: ours the photo's own size, theirs the model's. */
  width: number;
  height: number;
  /** Ours: what the engine sent instead, as its note says. */
  note?: string;
}

/** The model of the example: it answers at 1024×1024, 1536×1024 or 1024×1536. */
export const regionModel = 'gpt-image-1';

/**
 * One masked edit of a 600×400 region of a 24 MP photo, after a small warm-up edit, through `url`
 * (the throttled link): ours sends a crop around the mask and composites the answer into the
 * original; theirs (the official SDK) sends the whole photo and its full-size mask.
 */
export async function runRegionEdit(
  side: 'ours' | 'theirs',
  url: string,
  apiKey: string,
  photo: string,
  mask: string,
  small: string,
): Promise<RegionEditRun> {
  const edit = side === 'ours' ? oursEdit(url, apiKey) : theirsEdit(url, apiKey);
  await edit(small);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await edit(photo, mask);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, ...result };
}

type Edit = (
  photo: string,
  mask?: string,
) => Promise<{ width: number; height: number; note?: string }>;

function oursEdit(url: string, apiKey: string): Edit {
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${url}/v1`,
    apiKey,
  });
  return async (photo, mask) => {
    const result = await editImage({
      provider,
      model: regionModel,
      prompt: 'remove the sign',
      images: photo,
      ...(mask ? { mask } : {}),
    });
    const image = result.images[0];
    if (!image?.data.byteLength) throw new Error('retouch: no image in the result');
    const note = result.preparedInputs?.find((input) => input.changes.includes('region'))?.note;
    return { width: image.width, height: image.height, ...(note ? { note } : {}) };
  };
}

/** The official SDK as its README recommends for Node: `fs.createReadStream()` for each file. */
function theirsEdit(url: string, apiKey: string): Edit {
  const client = new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 });
  return async (photo, mask) => {
    const response = await client.images.edit({
      model: regionModel,
      image: createReadStream(photo),
      ...(mask ? { mask: createReadStream(mask) } : {}),
      prompt: 'remove the sign',
    });
    const b64 = response.data?.[0]?.b64_json;
    if (!b64) throw new Error('openai: no b64_json in the response');
    const { width, height } = await sharp(Buffer.from(b64, 'base64')).metadata();
    return { width: width ?? 0, height: height ?? 0 };
  };
}
