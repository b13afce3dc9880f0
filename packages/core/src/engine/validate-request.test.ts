import { describe, expect, it } from 'vitest';
import type { ImageFile } from '../contract/image-file.js';
import { plainCapabilities, testCapabilities } from './__fixtures__/test-provider.js';
import { invalidRequestError, validateEditRequest } from './validate-request.js';

function file(overrides: Partial<ImageFile> = {}): ImageFile {
  return {
    filename: 'photo.png',
    mediaType: 'image/png',
    width: 512,
    height: 512,
    size: 1000,
    stream: () => new ReadableStream(),
    bytes: async () => new Uint8Array(),
    ...overrides,
  };
}

const model = { id: 'test-model', capabilities: testCapabilities };
const plain = { id: 'plain-model', capabilities: plainCapabilities };

function issuesFor(
  options: Parameters<typeof validateEditRequest>[0]['options'],
  prompt = 'make it blue',
) {
  return validateEditRequest({ model, prompt, options, images: [file()] }).issues;
}

describe('validateEditRequest', () => {
  it('accepts a request that fits the model and fills in n', () => {
    const result = validateEditRequest({ model, prompt: 'x', options: {}, images: [file()] });
    expect(result).toEqual({ issues: [], warnings: [], options: { n: 1 } });
  });

  it('reports every problem at once, each with its field and what is allowed', () => {
    const { issues } = validateEditRequest({
      model,
      prompt: '   ',
      options: {
        n: 11,
        quality: 'ultra',
        outputFormat: 'gif' as never,
        background: 'neon' as never,
      },
      images: [
        file(),
        file(),
        file({ mediaType: 'image/gif', filename: 'anim.gif', size: 5 * 1024 * 1024 }),
      ],
    });
    expect(issues).toEqual([
      { field: 'prompt', message: 'is empty; describe the change you want' },
      { field: 'images', message: 'has 3 images; test-model takes at most 2' },
      {
        field: 'images[2]',
        message: 'anim.gif is image/gif; allowed: image/png, image/jpeg, image/webp',
      },
      { field: 'images[2]', message: 'anim.gif is 5 MB; the limit is 1 MB' },
      { field: 'n', message: 'is 11; allowed: a whole number from 1 to 10' },
      { field: 'quality', message: '"ultra" is not offered; allowed: low, medium, high, auto' },
      { field: 'outputFormat', message: '"gif" is not offered; allowed: png, jpeg, webp' },
      { field: 'background', message: '"neon" is not offered; allowed: auto, transparent, opaque' },
    ]);
    const error = invalidRequestError('test-model', 'test', issues);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('8 problems for test:test-model');
    expect(error.message).toContain('- n is 11; allowed: a whole number from 1 to 10');
    expect(error.message).toContain('- quality "ultra" is not offered');
  });

  it('rejects a prompt over the model limit and saying both lengths', () => {
    expect(issuesFor({}, 'x'.repeat(1001))).toEqual([
      { field: 'prompt', message: 'is 1001 characters; test-model allows at most 1000' },
    ]);
  });

  it('rejects a fractional or zero n', () => {
    expect(issuesFor({ n: 0 })[0]?.field).toBe('n');
    expect(issuesFor({ n: 1.5 })[0]?.field).toBe('n');
  });

  it('accepts presets and custom sizes inside the rule, and names the broken rule otherwise', () => {
    expect(issuesFor({ size: '1536x1024' })).toEqual([]);
    expect(issuesFor({ size: '1280x720' })).toEqual([]);
    expect(issuesFor({ size: '1000x1000' })[0]?.message).toContain(
      'both edges must be multiples of 16',
    );
    expect(issuesFor({ size: '2048x1536' })[0]?.message).toContain(
      'at most 2097152 pixels (has 3145728)',
    );
    expect(issuesFor({ size: '2048x512' })[0]?.message).toContain('long edge may be at most 3x');
    expect(issuesFor({ size: '128x256' })[0]?.message).toContain(
      'each edge must be at least 256px',
    );
    expect(issuesFor({ size: 'big' })).toEqual([
      {
        field: 'size',
        message: '"big" is not a preset or WxH; allowed: auto, 1024x1024, 1536x1024 or WxH',
      },
    ]);
  });

  it('rejects a size outside the presets when the model has no custom rule', () => {
    const presetsOnly = {
      id: 'p',
      capabilities: { ...testCapabilities, sizes: { presets: ['512x512'] } },
    };
    const { issues } = validateEditRequest({
      model: presetsOnly,
      prompt: 'x',
      options: { size: '640x640' },
      images: [file()],
    });
    expect(issues).toEqual([
      { field: 'size', message: '"640x640" is not offered; allowed: 512x512' },
    ]);
  });

  it('needs png or webp for a transparent background', () => {
    expect(issuesFor({ background: 'transparent', outputFormat: 'jpeg' })).toEqual([
      {
        field: 'background',
        message: 'transparent needs outputFormat png or webp; jpeg has no transparency',
      },
    ]);
    expect(issuesFor({ background: 'transparent', outputFormat: 'webp' })).toEqual([]);
  });

  it('allows output compression 0–100 and only for jpeg or webp', () => {
    expect(issuesFor({ outputCompression: 50, outputFormat: 'jpeg' })).toEqual([]);
    expect(issuesFor({ outputCompression: 101, outputFormat: 'jpeg' })).toEqual([
      { field: 'outputCompression', message: 'is 101; allowed: a whole number from 0 to 100' },
    ]);
    expect(issuesFor({ outputCompression: 50, outputFormat: 'png' })).toEqual([
      {
        field: 'outputCompression',
        message: 'applies only to jpeg and webp; set outputFormat to jpeg or webp',
      },
    ]);
  });

  it('keeps partial images within the streaming limit', () => {
    expect(issuesFor({ partialImages: 4 })).toEqual([
      { field: 'partialImages', message: 'is 4; allowed: a whole number from 0 to 3' },
    ]);
  });

  it('drops options a model lacks entirely, with one warning each', () => {
    const result = validateEditRequest({
      model: plain,
      prompt: 'x',
      options: {
        n: 2,
        size: '1024x1024',
        quality: 'high',
        background: 'transparent',
        outputFormat: 'webp',
        outputCompression: 80,
        inputFidelity: 'high',
        partialImages: 2,
      },
      images: [file()],
    });
    expect(result.issues).toEqual([]);
    expect(result.options).toEqual({ n: 2, outputFormat: 'webp' });
    expect(result.warnings.map((w) => w.type === 'unsupported-option' && w.option)).toEqual([
      'size',
      'quality',
      'background',
      'outputCompression',
      'inputFidelity',
      'partialImages',
    ]);
    expect(result.warnings[1]?.message).toBe(
      'plain-model has no quality levels, so quality was ignored.',
    );
  });

  it('refuses a mask for a model without mask support', () => {
    const { issues } = validateEditRequest({
      model: plain,
      prompt: 'x',
      options: {},
      images: [file()],
      mask: file(),
    });
    expect(issues).toEqual([
      {
        field: 'mask',
        message: 'plain-model does not accept a mask; remove it or pick another model',
      },
    ]);
  });

  it('asks for at least one image', () => {
    const { issues } = validateEditRequest({ model, prompt: 'x', options: {}, images: [] });
    expect(issues).toEqual([{ field: 'images', message: 'is empty; pass at least one image' }]);
  });

  it('refuses a non-square input for a model that edits only square images', () => {
    const squareOnly = {
      id: 'square-model',
      capabilities: { ...testCapabilities, squareInputsOnly: true },
    };
    const { issues } = validateEditRequest({
      model: squareOnly,
      prompt: 'x',
      options: {},
      images: [file(), file({ filename: 'wide.png', width: 800, height: 600 })],
    });
    expect(issues).toEqual([
      {
        field: 'images[1]',
        message:
          'wide.png is 800x600; square-model edits only square images, so crop it or pick another model',
      },
    ]);
  });
});
