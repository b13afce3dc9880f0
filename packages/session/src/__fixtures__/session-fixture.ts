import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry } from '@retouch/core';
import { encodePng } from '@retouch/core/provider';
import type { OutputFileSystem } from '@retouch/output';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { openAICompatiblePlugin } from '@retouch/provider-openai-compatible';
import { queuePlugin } from '@retouch/provider-queue';
import { type Emulator, startEmulator } from 'retouch-emulator';
import type { SessionHost } from '../host/session-host.js';

export const apiKey = 'sk-session-test-key-0123456789';

export async function startSessionEmulator(): Promise<Emulator> {
  return startEmulator({ apiKey, jobDurationMs: 200 });
}

const registry = createRegistry([openAICompatiblePlugin, queuePlugin]);

export function openAIProvider(emulator: Emulator) {
  return registry.createProvider('openai-compatible', { baseURL: `${emulator.url}/v1`, apiKey });
}

export function queueProvider(emulator: Emulator) {
  return registry.createProvider('queue', {
    baseURL: `${emulator.url}/v1/queue`,
    apiKey,
    poll: { initialMs: 10, intervalMs: 20, maxMs: 50 },
  });
}

/** A small PNG that differs by `seed`, so each input has its own hash. */
export function png(seed = 1, width = 64, height = 48): Uint8Array {
  const pixels = new Uint8Array(width * height * 3).map((_, i) => (i * seed * 7) % 256);
  return encodePng({ width, height, channels: 3, pixels });
}

export async function tempFolder(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'retouch-session-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeImages(dir: string, names: readonly string[]): Promise<string[]> {
  return Promise.all(
    names.map(async (name, index) => {
      const path = join(dir, name);
      await writeFile(path, png(index + 1));
      return path;
    }),
  );
}

/**
 * The file system, with writes into folders under `broken` failing as a full disk would: a
 * folder that fails after the plan proved it writable.
 */
export function breakableFileSystem(): {
  fs: OutputFileSystem<string>;
  broken: Set<string>;
} {
  const broken = new Set<string>();
  const failIn = (location: string) => {
    if ([...broken].some((folder) => location.startsWith(`${folder}/`))) {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    }
  };
  const fs: OutputFileSystem<string> = {
    ...nodeOutputFileSystem,
    async writeFile(location, data) {
      failIn(location);
      return nodeOutputFileSystem.writeFile(location, data);
    },
    async renameNoOverwrite(from, to) {
      failIn(to);
      return nodeOutputFileSystem.renameNoOverwrite(from, to);
    },
  };
  return { fs, broken };
}

export function nodeHost(
  dir: string,
  extra: Partial<SessionHost<string>> = {},
): SessionHost<string> {
  return {
    fs: nodeOutputFileSystem,
    tool: { name: 'session-test', version: '0.0.0' },
    rescueFolder: join(dir, 'rescued'),
    secrets: [apiKey],
    imageInput: (path) => path,
    ...extra,
  };
}
