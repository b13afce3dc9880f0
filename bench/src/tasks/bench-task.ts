import { falQueueEdit } from '../clients/fal-queue-edit.js';
import { genaiSdkGeminiEdit } from '../clients/genai-sdk-gemini-edit.js';
import type { ImageEditClient } from '../clients/image-edit-client.js';
import { openAISdkImageEdit } from '../clients/openai-sdk-image-edit.js';
import type { QueueEditClient } from '../clients/queue-edit-client.js';
import { retouchGeminiEdit } from '../clients/retouch-gemini-edit.js';
import { retouchImageEdit } from '../clients/retouch-image-edit.js';
import { retouchQueueEdit } from '../clients/retouch-queue-edit.js';
import type { StreamSide } from './stream-vs-json-task.js';

export type EditSide = 'ours' | 'theirs';
export type QueueSide = 'ours-sse' | 'ours-polling' | 'theirs';

/** What a child process is asked to run; it travels as JSON in RETOUCH_BENCH_TASK. */
export type BenchTask =
  | { kind: 'upload-memory'; side: EditSide; url: string; large: string; small: string }
  | { kind: 'client-overhead'; side: EditSide; url: string; small: string; edits: number }
  | { kind: 'gemini-overhead'; side: EditSide; url: string; small: string; edits: number }
  | {
      kind: 'concurrency';
      side: EditSide;
      url: string;
      small: string;
      edits: number;
      concurrency: number;
    }
  | {
      kind: 'stream-vs-json';
      side: StreamSide;
      /** A server that answers every edit from memory (see measurements/stream-vs-json.ts). */
      url: string;
      small: string;
      edits: number;
    }
  | {
      kind: 'photo-edit';
      side: EditSide;
      /** The throttling proxy in front of the emulator (see measurements/photo-edits.ts). */
      url: string;
      photo: string;
      small: string;
    }
  | { kind: 'photo-prepare'; side: 'ours'; photo: string }
  | {
      kind: 'region-edit';
      side: EditSide;
      /** The throttling proxy in front of the emulator (see measurements/region-edit.ts). */
      url: string;
      photo: string;
      mask: string;
      small: string;
    }
  | {
      kind: 'queue-pickup';
      side: QueueSide;
      /** One emulator per job, each with its own job duration (see measurements/queue-pickup.ts). */
      urls: string[];
      small: string;
    };

export function imageEditClient(side: EditSide, url: string, apiKey: string): ImageEditClient {
  return side === 'ours' ? retouchImageEdit(url, apiKey) : openAISdkImageEdit(url, apiKey);
}

/** Gemini's generateContent: ours (the Google provider) or theirs (@google/genai). */
export function geminiEditClient(side: EditSide, url: string, apiKey: string): ImageEditClient {
  return side === 'ours' ? retouchGeminiEdit(url, apiKey) : genaiSdkGeminiEdit(url, apiKey);
}

export function queueEditClient(side: QueueSide, url: string, apiKey: string): QueueEditClient {
  if (side === 'theirs') return falQueueEdit(url, apiKey);
  return retouchQueueEdit(url, apiKey, side === 'ours-sse' ? 'sse' : 'polling');
}
