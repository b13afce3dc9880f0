import { createReadStream } from 'node:fs';
import OpenAI from 'openai';
import { benchModel, type ImageEditClient } from './image-edit-client.js';

/**
 * Theirs: the official SDK as its README recommends for Node, `fs.createReadStream()` as the
 * file. The SDK returns base64; decoding it is part of getting the image in hand.
 */
export function openAISdkImageEdit(emulatorUrl: string, apiKey: string): ImageEditClient {
  const client = new OpenAI({ apiKey, baseURL: `${emulatorUrl}/v1` });
  return async ({ path, prompt, size }) => {
    const response = await client.images.edit({
      model: benchModel,
      image: createReadStream(path),
      prompt,
      ...(size === undefined ? {} : { size }),
    });
    const b64 = response.data?.[0]?.b64_json;
    if (!b64) throw new Error('openai: no b64_json in the response');
    return Buffer.from(b64, 'base64');
  };
}
