import { createReadStream } from 'node:fs';
import { createRegistry, editImage } from '@retouch/core';
import { loadImageCodec } from '@retouch/core/image';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import OpenAI from 'openai';
import { settledRss, watchPeakRss } from '../process-memory.js';
import type { EditSide } from './bench-task.js';

export interface PhotoEditRun {
  /** Undefined when the client could not send the photo at all (then `error` says why). */
  ms?: number;
  cpuMs?: number;
  aboveBaselineBytes?: number;
  error?: string;
  /** Ours: what the engine sent instead, as its note says. */
  note?: string;
}

export interface PhotoPrepareRun {
  ms: number;
  cpuMs: number;
  aboveBaselineBytes: number;
  sentBytes: number;
  width: number;
  height: number;
}

export const photoModel = 'gpt-image-2';
/** Both sides ask for the same result size; the answer is not what is measured. */
export const photoResultSize = '1024x1536';

/** One gpt-image-2 edit of a photo, after a small warm-up edit, through `url` (the throttled link). */
export async function runPhotoEdit(
  side: EditSide,
  url: string,
  apiKey: string,
  photo: string,
  small: string,
): Promise<PhotoEditRun> {
  const edit = side === 'ours' ? oursEdit(url, apiKey) : theirsEdit(url, apiKey);
  await edit(small);
  const baseline = await settledRss();
  const watch = watchPeakRss(5);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const note = await edit(photo);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return {
      ms,
      cpuMs: (used.user + used.system) / 1000,
      aboveBaselineBytes: watch.stop().peakBytes - baseline,
      ...(note ? { note } : {}),
    };
  } catch (error) {
    watch.stop();
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

function oursEdit(url: string, apiKey: string) {
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${url}/v1`,
    apiKey,
  });
  return async (path: string): Promise<string | undefined> => {
    const result = await editImage({
      provider,
      model: photoModel,
      prompt: 'tint',
      images: path,
      size: photoResultSize,
    });
    if (!result.images[0]?.data.byteLength) throw new Error('retouch: no image in the result');
    return result.preparedInputs?.[0]?.note;
  };
}

/** The official SDK as its README recommends for Node: `fs.createReadStream()` as the file. */
function theirsEdit(url: string, apiKey: string) {
  const client = new OpenAI({ apiKey, baseURL: `${url}/v1`, maxRetries: 0 });
  return async (path: string): Promise<undefined> => {
    const response = await client.images.edit({
      model: photoModel,
      image: createReadStream(path),
      prompt: 'tint',
      size: photoResultSize,
    });
    const b64 = response.data?.[0]?.b64_json;
    if (!b64) throw new Error('openai: no b64_json in the response');
    Buffer.from(b64, 'base64');
    return undefined;
  };
}

/**
 * What preparing the photo costs on its own, in a fresh process: load the codec, decode, turn
 * upright, shrink to gpt-image-2's 3840, encode as the engine does (JPEG quality 85).
 */
export async function runPhotoPrepare(photo: string): Promise<PhotoPrepareRun> {
  const baseline = await settledRss();
  const watch = watchPeakRss(5);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const codec = await loadImageCodec();
  const out = await codec.transcode(
    { path: photo },
    { format: 'jpeg', quality: 85, maxEdge: 3840 },
  );
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    aboveBaselineBytes: watch.stop().peakBytes - baseline,
    sentBytes: out.data.byteLength,
    width: out.width,
    height: out.height,
  };
}
