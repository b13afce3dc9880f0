import type { EditWarning } from '@retouch/core';
import { describe, expect, it } from 'vitest';
import { editCall, imageFile } from './__fixtures__/test-images.js';
import { buildChatBody, maskInstruction } from './build-chat-body.js';

const dataUrl = (bytes: number[], type = 'image/png') =>
  `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

async function build(call = editCall(), providerOptions = {}, stream = false) {
  const warnings: EditWarning[] = [];
  const body = JSON.parse(await buildChatBody(call, { providerOptions, stream, warnings }));
  return { body, warnings };
}

describe('buildChatBody', () => {
  it('sends the prompt, each input as an image_url part, then the mask after an instruction', async () => {
    const { body, warnings } = await build(
      editCall({
        model: 'google/gemini-2.5-flash-image',
        prompt: 'put the cat on the sofa',
        images: [
          imageFile(new Uint8Array([137, 80, 78, 71])),
          imageFile(new Uint8Array([255, 216, 255]), { mediaType: 'image/jpeg' }),
        ],
        mask: imageFile(new Uint8Array([9, 9])),
      }),
      { imageRefs: [{ image_url: 'https://example.com/ref.png' }] },
    );
    expect(body).toEqual({
      model: 'google/gemini-2.5-flash-image',
      modalities: ['image', 'text'],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'put the cat on the sofa' },
            { type: 'image_url', image_url: { url: dataUrl([137, 80, 78, 71]) } },
            { type: 'image_url', image_url: { url: dataUrl([255, 216, 255], 'image/jpeg') } },
            { type: 'image_url', image_url: { url: 'https://example.com/ref.png' } },
            { type: 'text', text: maskInstruction },
            { type: 'image_url', image_url: { url: dataUrl([9, 9]) } },
          ],
        },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('sends n only above 1, the user, and asks for usage when streaming', async () => {
    const { body } = await build(editCall({ n: 3, user: 'u-1' }), {}, true);
    expect(body).toMatchObject({
      n: 3,
      user: 'u-1',
      stream: true,
      stream_options: { include_usage: true },
    });
    expect((await build(editCall({ n: 1 }))).body).not.toHaveProperty('n');
    expect((await build()).body).not.toHaveProperty('stream');
  });

  it('merges extraFields and extraBody, but never lets them replace the messages or the model', async () => {
    const { body } = await build(editCall(), {
      extraFields: { seed: 7 },
      extraBody: { image_config: { aspect_ratio: '16:9' }, messages: [], model: 'other' },
    });
    expect(body.seed).toBe(7);
    expect(body.image_config).toEqual({ aspect_ratio: '16:9' });
    expect(body.model).toBe('gpt-image-1');
    expect(body.messages).toHaveLength(1);
  });

  it('warns about every option chat completions cannot carry, and does not send it', async () => {
    const { body, warnings } = await build(
      editCall({ size: '1024x1024', quality: 'high', outputFormat: 'webp', inputFidelity: 'high' }),
      { moderation: 'low', imageRefs: [{ file_id: 'file-1' }], maskRef: { file_id: 'file-2' } },
    );
    expect(
      warnings.map((warning) => warning.type === 'unsupported-option' && warning.option),
    ).toEqual([
      'providerOptions.imageRefs',
      'size',
      'quality',
      'outputFormat',
      'inputFidelity',
      'providerOptions.moderation',
    ]);
    expect(warnings[1]!.message).toBe(
      'size was not sent over the chat wire: chat completions have no field for it. Put a gateway’s own fields in providerOptions.extraBody.'.replace(
        '’',
        "'",
      ),
    );
    expect(JSON.stringify(body)).not.toMatch(/1024x1024|file-1|file-2|moderation/);
  });
});
