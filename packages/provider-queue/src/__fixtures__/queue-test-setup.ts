import type { EditProgressEvent } from '@retouch/core';
import { type EditCall, type ImageEditProviderV1, readImageInput } from '@retouch/core/provider';
import { type Emulator, type EmulatorOptions, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import type { QueueConfigInput } from '../queue-config.js';
import { createQueueProvider } from '../queue-provider.js';

export const testKey = 'fal-test-key-4f9c2e71';

/** A small opaque PNG in one colour, so a test can tell an edit happened from the pixels. */
export async function solidPng(
  width = 32,
  height = 32,
  rgb = { r: 200, g: 40, b: 40 },
): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: rgb } })
    .png()
    .toBuffer();
  return new Uint8Array(buffer);
}

/** The colour of the top-left pixel of an image. */
export async function firstPixel(image: Uint8Array): Promise<{ r: number; g: number; b: number }> {
  const { data } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { r: data[0]!, g: data[1]!, b: data[2]! };
}

export async function startQueueEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({
    apiKey: testKey,
    jobDurationMs: 150,
    log: () => {},
    ...options,
  });
}

/** A provider pointed at the emulator's v1 queue, polling fast so tests stay quick. */
export function queueProviderFor(
  emulator: Emulator,
  config: QueueConfigInput = {},
): ImageEditProviderV1 {
  return createQueueProvider({
    baseURL: `${emulator.url}/v1/queue`,
    apiKey: testKey,
    ...config,
    poll: { initialMs: 20, maxMs: 100, ...config.poll },
  });
}

/** Route names of the requests the emulator saw, in order. */
export function routesSeen(emulator: Emulator): string[] {
  return emulator.requests.map((request) => request.route);
}

/** An EditCall as the engine would build it, for driving the job steps directly. */
export async function editCall(overrides: Partial<EditCall> = {}): Promise<EditCall> {
  return {
    model: 'gpt_image_1_edit',
    prompt: 'grayscale',
    images: [await readImageInput(await solidPng())],
    n: 1,
    signal: new AbortController().signal,
    onProgress: () => {},
    ...overrides,
  };
}

export function progressRecorder(): {
  events: EditProgressEvent[];
  onProgress: (event: EditProgressEvent) => void;
} {
  const events: EditProgressEvent[] = [];
  return { events, onProgress: (event) => events.push(event) };
}

export async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
