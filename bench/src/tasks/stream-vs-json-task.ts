import { createRegistry, editImage } from '@retouch/core';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { percentile } from '../stats.js';

export type StreamSide = 'json' | 'sse' | 'sse-partial';

export interface StreamVsJsonRun {
  edits: number;
  wallP50Ms: number;
  /** This process's CPU per edit: what the parsing costs, whatever else the machine is doing. */
  cpuP50Ms: number;
  /** Bytes of the image that came back, to show the edit really carried it. */
  imageBytes: number;
}

const warmupEdits = 2;

/**
 * Sequential edits whose answer carries one large image: as a JSON images response, or as a
 * server-sent event stream (with or without a partial image first). The server answers from
 * memory, so the time is the client's reading, parsing and decoding.
 */
export async function runStreamVsJson(
  side: StreamSide,
  url: string,
  apiKey: string,
  small: string,
  edits: number,
): Promise<StreamVsJsonRun> {
  const provider = createRegistry([openAICompatiblePlugin]).createProvider('openai-compatible', {
    baseURL: `${url}/${side}/v1`,
    apiKey,
  });
  const edit = () =>
    editImage({
      provider,
      model: 'gpt-image-1',
      prompt: 'tint',
      images: small,
      ...(side === 'json' ? {} : { partialImages: 1 }),
    });
  for (let i = 0; i < warmupEdits; i++) await edit();
  const wall: number[] = [];
  const cpu: number[] = [];
  let imageBytes = 0;
  for (let i = 0; i < edits; i++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await edit();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    imageBytes = result.images[0]?.data.byteLength ?? 0;
  }
  return { edits, wallP50Ms: percentile(wall, 50), cpuP50Ms: percentile(cpu, 50), imageBytes };
}
