import { describe, expect, it } from 'vitest';
import { findOpenApiSpec } from './find-spec.js';
import { loadSpecValidator } from './spec-validator.js';

describe('spec validator', () => {
  it('finds the shared OpenAPI YAML from inside the repository', () => {
    expect(findOpenApiSpec()).toMatch(/shared[/\\]specs[/\\]openai-openapi\.yaml$/);
  });

  it('reads the request schema names of POST /images/edits from the spec', async () => {
    const spec = await loadSpecValidator();
    expect(spec).toBeDefined();
    expect(spec?.schemaFor('multipart/form-data')).toBe('CreateImageEditRequest');
    expect(spec?.schemaFor('application/json')).toBe('EditImageBodyJsonParam');
  });

  it('accepts conforming bodies and reports the first violation like OpenAI', async () => {
    const spec = (await loadSpecValidator())!;
    expect(
      spec.validate('EditImageBodyJsonParam', { prompt: 'x', images: [{ image_url: 'data:,' }] }),
    ).toBeUndefined();
    expect(spec.validate('CreateImageEditRequest', { image: 'f' })).toEqual({
      message: "Missing required parameter: 'prompt'.",
      param: 'prompt',
      code: 'missing_required_parameter',
    });
    expect(spec.validate('CreateImageEditRequest', { prompt: 'x', image: 'f', n: 11 })?.param).toBe(
      'n',
    );
    const quality = spec.validate('CreateImageEditRequest', {
      prompt: 'x',
      image: 'f',
      n: null,
      quality: 'ultra',
    });
    expect(quality?.param).toBe('quality');
    expect(quality?.message).toContain("'high'");
    expect(
      spec.validate('CreateImageEditRequest', { prompt: 'x', image: 'f', partial_images: 5 })
        ?.param,
    ).toBe('partial_images');
    expect(
      spec.validate('EditImageBodyJsonParam', {
        prompt: 'x',
        images: [{ image_url: 'data:,', file_id: 'f' }],
      })?.param,
    ).toBe('images[0]');
    expect(spec.validate('EditImageBodyJsonParam', { prompt: 'x', images: [] })?.param).toBe(
      'images',
    );
  });

  it('validates responses and stream events against the spec too', async () => {
    const spec = (await loadSpecValidator())!;
    expect(spec.validate('ImagesResponse', { created: 1, data: [{ b64_json: 'x' }] })).toBe(
      undefined,
    );
    expect(spec.validate('ImagesResponse', { data: [] })?.param).toBe('created');
  });
});
