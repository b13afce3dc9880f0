import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../start-emulator.js';

/** Starts one emulator for the file's tests and resets it after each test. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(() => emulator?.reset());
  afterAll(() => emulator?.close());
  return () => {
    if (!emulator) throw new Error('emulator not started');
    return emulator;
  };
}

export function form(fields: Record<string, string | Buffer | Buffer[]>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const [i, v] of values.entries()) {
      if (typeof v === 'string') body.append(key, v);
      else
        body.append(key, new Blob([new Uint8Array(v)], { type: 'image/png' }), `${key}-${i}.png`);
    }
  }
  return body;
}

export const dataUrl = (bytes: Buffer, type = 'image/png') =>
  `data:${type};base64,${bytes.toString('base64')}`;

/** Reads a server-sent-events body into its `event` names and parsed `data`. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary event payloads
export async function readSse(response: Response): Promise<Array<{ event?: string; data: any }>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((frame) => frame.trim())
    .map((frame) => {
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { ...(event ? { event } : {}), data: JSON.parse(data) };
    });
}
