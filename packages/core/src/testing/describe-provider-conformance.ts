import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelInfo } from '../contract/capabilities.js';
import type { RetouchPlugin } from '../contract/plugin.js';
import { isRetouchPlugin } from '../contract/plugin.js';
import type { EditProgressEvent } from '../contract/progress.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { editImage } from '../engine/edit-image.js';
import { isRetouchError, type RetouchError } from '../errors/retouch-error.js';
import { sniffImage } from '../inputs/sniff-image.js';
import { createRegistry } from '../registry/registry.js';
import { checkCapabilities } from './check-capabilities.js';
import { createTestPng } from './create-test-png.js';
import { findSecretLeaks } from './find-secret-leaks.js';

export interface ConformanceServer {
  url: string;
  close(): Promise<void>;
  /**
   * Optional: make the server hold every answer for `delayMs` (0 restores it), so the abort
   * check lands while a request is in flight rather than before it is sent.
   */
  slowDown?(delayMs: number): void | Promise<void>;
}

export interface ProviderConformanceOptions {
  plugin: RetouchPlugin;
  /** A model id the server can edit with. */
  model: string;
  /** A working configuration pointing at `server.url`, including a key the server accepts. */
  config: (server: { url: string }) => unknown;
  /** The same configuration with a key the server refuses; enables the authentication checks. */
  badKeyConfig?: (server: { url: string }) => unknown;
  startServer: () => Promise<ConformanceServer>;
  /** Input image; default a generated 64x48 PNG. */
  image?: Uint8Array;
  /** Default "make it grayscale". */
  prompt?: string;
  /** Per-test timeout for checks that talk to the server. Default 30 s. */
  timeoutMs?: number;
}

function secretsIn(config: unknown, fields: readonly string[]): string[] {
  return fields
    .map((field) =>
      field
        .split('.')
        .reduce<unknown>(
          (value, key) => (value as Record<string, unknown> | undefined)?.[key],
          config,
        ),
    )
    .filter((value): value is string => typeof value === 'string' && value.length > 0);
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

async function failure(promise: Promise<unknown>): Promise<RetouchError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the edit to fail, but it succeeded');
    },
    (e: unknown) => e,
  );
  expect(isRetouchError(error), `expected a RetouchError, got ${String(error)}`).toBe(true);
  return error as RetouchError;
}

/**
 * Registers a vitest suite that checks a provider plugin against the Retouch contract: its
 * definition, its capability table, config validation, validation before network I/O, a real
 * edit, cancellation, error mapping and secret hygiene. Call it at the top level of a test file.
 */
export function describeProviderConformance(options: ProviderConformanceOptions): void {
  const { plugin } = options;
  const image = options.image ?? createTestPng();
  const prompt = options.prompt ?? 'make it grayscale';
  const timeout = options.timeoutMs ?? 30_000;
  let server: ConformanceServer;
  let deadUrl: string;
  const create = (config: unknown): ImageEditProvider =>
    createRegistry([plugin]).createProvider(plugin.id, config);
  const modelOf = (provider: ImageEditProvider): ModelInfo => {
    const listed = provider.models.find((m) => m.id === options.model);
    return listed ?? provider.describeModel!(options.model)!.model;
  };

  describe(`${plugin.id ?? 'plugin'}: Retouch provider conformance`, () => {
    beforeAll(async () => {
      server = await options.startServer();
      deadUrl = await closedPortUrl();
    }, timeout);
    afterAll(async () => server?.close());

    it('is defined with definePlugin: kebab-case id, display name, zod schema, secret fields', () => {
      expect(isRetouchPlugin(plugin)).toBe(true);
      expect(plugin.id).toMatch(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/);
      expect(plugin.displayName.trim()).not.toBe('');
      expect(plugin.secretFields.every((field) => typeof field === 'string')).toBe(true);
      const schema = plugin.configSchema as unknown as {
        safeParse(value: unknown): { success: boolean };
      };
      expect(typeof schema.safeParse).toBe('function');
      expect(schema.safeParse(options.config(server)).success).toBe(true);
    });

    it('creates a v1 provider that knows the model under test and has edit() or jobs', () => {
      const provider = create(options.config(server));
      expect(provider.specificationVersion).toBe('v1');
      expect(provider.id).toBe(plugin.id);
      if (provider.jobs) {
        for (const step of ['start', 'watch', 'result', 'cancel'] as const) {
          expect(typeof provider.jobs[step], `jobs.${step}`).toBe('function');
        }
        expect(['boolean', 'undefined']).toContain(typeof provider.jobs.idempotentStart);
      }
      if (provider.edit !== undefined || !provider.jobs) {
        expect(typeof provider.edit, 'edit is required unless jobs is present').toBe('function');
      }
      const known =
        provider.models.some((m) => m.id === options.model) ||
        provider.describeModel?.(options.model);
      expect(known, `${options.model} is neither listed in models nor described`).toBeTruthy();
    });

    it('declares self-consistent capabilities for every model', () => {
      const provider = create(options.config(server));
      expect(provider.models.flatMap(checkCapabilities)).toEqual([]);
      expect(checkCapabilities(modelOf(provider))).toEqual([]);
    });

    it('hands its configured secrets to the engine for scrubbing', () => {
      const config = options.config(server);
      const provider = create(config);
      for (const secret of secretsIn(config, plugin.secretFields)) {
        expect(
          provider.secrets ?? [],
          'provider.secrets must hold every configured secret',
        ).toContain(secret);
      }
    });

    it('rejects a garbage configuration with invalid_request', () => {
      for (const garbage of [42, 'not a config', [1, 2, 3]]) {
        let error: unknown;
        try {
          create(garbage);
        } catch (e) {
          error = e;
        }
        expect(error, `config ${JSON.stringify(garbage)} was accepted`).toMatchObject({
          code: 'invalid_request',
        });
      }
    });

    it('refuses an out-of-range request before any network I/O', async () => {
      // Pointed at a closed port: a network attempt would surface as `network`, not `invalid_request`.
      const provider = create(options.config({ url: deadUrl }));
      const caps = modelOf(provider).capabilities;
      const error = await failure(
        editImage({
          provider,
          model: options.model,
          prompt: '',
          images: image,
          n: caps.n.max + 1,
          maxRetries: 0,
        }),
      );
      expect(error.code).toBe('invalid_request');
      expect(error.issues.map((issue) => issue.field)).toEqual(
        expect.arrayContaining(['prompt', 'n']),
      );
    });

    it('maps a refused connection to a retryable network error', async () => {
      const provider = create(options.config({ url: deadUrl }));
      const error = await failure(
        editImage({ provider, model: options.model, prompt, images: image, maxRetries: 0 }),
      );
      expect(error.code).toBe('network');
      expect(error.retryable).toBe(true);
      expect(
        findSecretLeaks(error, secretsIn(options.config(server), plugin.secretFields)),
      ).toEqual([]);
    });

    it(
      'edits for real: the right number of decodable images with sniffed type and size',
      async () => {
        const provider = create(options.config(server));
        const caps = modelOf(provider).capabilities;
        const n = Math.min(2, caps.n.max);
        const size = caps.sizes.presets.find((preset) => /^\d+x\d+$/.test(preset));
        const events: EditProgressEvent[] = [];
        const result = await editImage({
          provider,
          model: options.model,
          prompt,
          images: image,
          n,
          size,
          onProgress: (event) => events.push(event),
        });
        expect(result.provider).toBe(plugin.id);
        expect(result.images).toHaveLength(n);
        for (const edited of result.images) {
          const sniffed = sniffImage(edited.data);
          expect(sniffed, 'result bytes are an image').toBeDefined();
          expect(edited).toMatchObject({
            mediaType: sniffed!.mediaType,
            width: sniffed!.width,
            height: sniffed!.height,
          });
          if (size) expect(`${edited.width}x${edited.height}`).toBe(size);
        }
        expect(result.calls).toHaveLength(Math.ceil(n / caps.maxImagesPerCall));
        expect(Array.isArray(result.warnings)).toBe(true);
        expect(events.filter((event) => event.type === 'image-done')).toHaveLength(n);
        if (provider.jobs) {
          const started = events.filter((event) => event.type === 'job-started');
          expect(started, 'one job-started event per call').toHaveLength(result.calls.length);
          for (const { handle } of started) {
            expect(handle.provider).toBe(plugin.id);
            expect(JSON.parse(JSON.stringify(handle)), 'the job handle is plain JSON').toEqual(
              handle,
            );
          }
        }
      },
      timeout,
    );

    it(
      'ends with cancelled, promptly, when aborted mid-edit',
      async () => {
        const delayMs = 10_000;
        await server.slowDown?.(delayMs);
        try {
          const provider = create(options.config(server));
          const controller = new AbortController();
          const started = Date.now();
          const edit = editImage({
            provider,
            model: options.model,
            prompt,
            images: image,
            signal: controller.signal,
            onProgress: (event) => {
              if (
                event.type === 'running' ||
                event.type === 'job-started' ||
                event.type === 'queued'
              ) {
                setTimeout(() => controller.abort(), 50);
              }
            },
          });
          const error = await failure(edit);
          expect(error.code).toBe('cancelled');
          // Without slowDown the server may be quick; with it, the abort must not wait for it.
          if (server.slowDown) expect(Date.now() - started).toBeLessThan(delayMs);
        } finally {
          await server.slowDown?.(0);
        }
      },
      timeout,
    );

    if (options.badKeyConfig) {
      const badKeyConfig = options.badKeyConfig;
      it(
        'maps a refused key to authentication without revealing either key',
        async () => {
          const config = badKeyConfig(server);
          const provider = create(config);
          const error = await failure(
            editImage({ provider, model: options.model, prompt, images: image, maxRetries: 0 }),
          );
          expect(error.code).toBe('authentication');
          expect(error.retryable).toBe(false);
          const secrets = [
            ...secretsIn(config, plugin.secretFields),
            ...secretsIn(options.config(server), plugin.secretFields),
          ];
          expect(findSecretLeaks(error, secrets)).toEqual([]);
        },
        timeout,
      );
    }
  });
}
