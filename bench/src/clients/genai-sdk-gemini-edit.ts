import { readFile } from 'node:fs/promises';
import { GoogleGenAI } from '@google/genai';
import { benchGeminiModel } from './gemini-edit-client.js';
import type { ImageEditClient } from './image-edit-client.js';

/**
 * Theirs: the official @google/genai SDK as Google's image-editing guide shows it: the file read
 * and sent as base64 `inlineData`, the image taken from the answer's parts and decoded.
 */
export function genaiSdkGeminiEdit(emulatorUrl: string, apiKey: string): ImageEditClient {
  const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: emulatorUrl } });
  return async ({ path, prompt }) => {
    const data = (await readFile(path)).toString('base64');
    const response = await ai.models.generateContent({
      model: benchGeminiModel,
      contents: [{ text: prompt }, { inlineData: { mimeType: 'image/png', data } }],
    });
    const part = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data);
    if (!part?.inlineData?.data) throw new Error('@google/genai: no image in the response');
    return Buffer.from(part.inlineData.data, 'base64');
  };
}
