import { describe, expect, it } from 'vitest';
import { apiPathRoots, imagesEdits, openApiSource, schemas } from './openai-subset.generated.js';
import { specValidator } from './spec-validator.js';

describe('the OpenAPI subset the package carries', () => {
  it('names its source and holds every schema the edits endpoint reaches', () => {
    expect(openApiSource).toMatchObject({
      repository: 'openai/openai-openapi',
      commit: 'f85dbe2',
      license: 'MIT',
    });
    const names = Object.keys(schemas);
    for (const root of [
      ...Object.values(imagesEdits.requestBodies),
      ...Object.values(imagesEdits.responses),
      'ErrorResponse',
    ]) {
      expect(names).toContain(root);
    }
    const refs = JSON.stringify(schemas).match(/#\/components\/schemas\/[A-Za-z0-9_]+/g) ?? [];
    for (const ref of refs) expect(names).toContain(ref.split('/').at(-1));
    expect(apiPathRoots).toEqual(expect.arrayContaining(['images', 'chat', 'files']));
  });
});

describe('spec validator', () => {
  it('reads the request schema names of POST /images/edits from the spec', () => {
    expect(specValidator().schemaFor('multipart/form-data')).toBe('CreateImageEditRequest');
    expect(specValidator().schemaFor('application/json')).toBe('EditImageBodyJsonParam');
  });

  it('accepts conforming bodies and reports the first violation like OpenAI', () => {
    const spec = specValidator();
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
      }),
    ).toEqual({
      message: "Invalid value for 'images[0]': must not set 'image_url' and 'file_id' together.",
      param: 'images[0]',
      code: 'invalid_value',
    });
  });

  it('words length limits as OpenAI does', () => {
    const spec = specValidator();
    expect(
      spec.validate('CreateImageEditRequest', { prompt: 'x', image: Array(17).fill('f') }),
    ).toEqual({
      message:
        "Invalid 'image': array too long. Expected an array with maximum length 16, but got an array with length 17 instead.",
      param: 'image',
      code: 'array_above_max_length',
    });
    expect(spec.validate('EditImageBodyJsonParam', { prompt: 'x', images: [] })).toEqual({
      message:
        "Invalid 'images': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      param: 'images',
      code: 'empty_array',
    });
    expect(
      spec.validate('EditImageBodyJsonParam', {
        prompt: '',
        images: [{ image_url: 'data:,' }],
      })?.code,
    ).toBe('empty_string');
  });

  it('validates responses and stream events against the spec too', () => {
    const spec = specValidator();
    expect(spec.validate('ImagesResponse', { created: 1, data: [{ b64_json: 'x' }] })).toBe(
      undefined,
    );
    expect(spec.validate('ImagesResponse', { data: [] })?.param).toBe('created');
    expect(spec.validate('ImagesResponse', { created: 1, data: [], size: '64x64' })?.param).toBe(
      'size',
    );
  });
});
