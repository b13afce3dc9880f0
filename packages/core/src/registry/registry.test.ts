import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as zm from 'zod/mini';
import { definePlugin } from '../contract/plugin.js';
import type { ImageEditProvider } from '../contract/provider.js';
import { isRetouchError } from '../errors/retouch-error.js';
import { createRegistry } from './registry.js';

const acme = definePlugin({
  id: 'acme',
  displayName: 'Acme Images',
  configSchema: z.object({ baseURL: z.string().url(), apiKey: z.string().min(1) }),
  secretFields: ['apiKey'],
  // Deliberately forgets to list its key in `secrets`, as a careless plugin might.
  create: (config): ImageEditProvider =>
    ({
      specificationVersion: 'v1',
      id: 'acme',
      models: [],
      edit: async () => ({ images: [] }),
      baseURL: config.baseURL,
    }) as ImageEditProvider,
});

describe('createRegistry', () => {
  it('resolves provider:model and creates the provider from its validated config', () => {
    const registry = createRegistry([acme]);
    const { provider, model } = registry.resolve('acme:flux/kontext:pro', {
      acme: { baseURL: 'https://acme.test', apiKey: 'sk-acme-secret' },
    });
    expect(model).toBe('flux/kontext:pro');
    expect(provider.id).toBe('acme');
    expect(typeof provider.edit).toBe('function');
  });

  it('adds the secretFields values to provider.secrets so the engine can scrub them', () => {
    const provider = createRegistry([acme]).createProvider('acme', {
      baseURL: 'https://acme.test',
      apiKey: 'sk-acme-secret',
    });
    expect(provider.secrets).toEqual(['sk-acme-secret']);
  });

  it('reports every config problem by field without echoing the rejected values', () => {
    const registry = createRegistry([acme]);
    let caught: unknown;
    try {
      registry.createProvider('acme', { baseURL: 'not a url sk-typo-secret', apiKey: '' });
    } catch (error) {
      caught = error;
    }
    expect(isRetouchError(caught) && caught.code).toBe('invalid_request');
    const error = caught as Error & { issues: { field: string }[] };
    expect(error.issues.map((issue) => issue.field).sort()).toEqual(['apiKey', 'baseURL']);
    expect(JSON.stringify(error) + String(error)).not.toContain('sk-typo-secret');
  });

  it('takes a plugin whose schema is zod/mini, with English messages naming each field', () => {
    const mini = definePlugin({
      id: 'acme-mini',
      displayName: 'Acme Mini',
      configSchema: zm.object({ baseURL: zm.url(), size: zm._default(zm.int(), 3) }),
      create: (config): ImageEditProvider =>
        ({
          specificationVersion: 'v1',
          id: 'acme-mini',
          models: [],
          edit: async () => ({ images: [] }),
          size: config.size,
        }) as ImageEditProvider,
    });
    const registry = createRegistry([mini]);
    const provider = registry.createProvider('acme-mini', { baseURL: 'https://acme.test' });
    expect((provider as unknown as { size: number }).size).toBe(3);
    expect(() => registry.createProvider('acme-mini', { baseURL: 'nope' })).toThrow(
      /baseURL: Invalid URL/,
    );
  });

  it('names the registered providers when an unknown one is asked for', () => {
    expect(() => createRegistry([acme]).createProvider('nope', {})).toThrow(/Available: acme/);
  });

  it('refuses values that were not made with definePlugin, and duplicate ids', () => {
    const registry = createRegistry([acme]);
    const handMade = {
      id: 'hand-made',
      displayName: 'Hand made',
      configSchema: acme.configSchema,
      secretFields: [],
      create: acme.create,
    };
    expect(() => registry.register(handMade as never)).toThrow(/definePlugin/);
    expect(() => registry.register(acme)).toThrow(/already registered/);
  });

  it('refuses a model reference without a provider part', () => {
    expect(() => createRegistry([acme]).resolve('gpt-image-1', {})).toThrow(/provider:model/);
  });
});
