import type { ProviderProgressEvent } from '@retouch/core/provider';
import { describe, expect, it } from 'vitest';
import { readEditStream } from './parse-edit-stream.js';

const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64');

function sse(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      // Split mid-event to exercise framing across chunks.
      controller.enqueue(bytes.slice(0, 37));
      controller.enqueue(bytes.slice(37));
      controller.close();
    },
  });
}

function event(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

const settings = { size: '1024x1024', quality: 'low', background: 'opaque', output_format: 'png' };

function run(text: string, n = 1) {
  const progress: ProviderProgressEvent[] = [];
  const result = readEditStream(sse(text), {
    provider: 'openai-compatible',
    secrets: [],
    requestId: 'req_s',
    n,
    onProgress: (e) => progress.push(e),
  });
  return { progress, result };
}

describe('readEditStream', () => {
  it('turns partial images into progress and returns the completed image', async () => {
    const { progress, result } = run(
      event('image_edit.partial_image', {
        type: 'image_edit.partial_image',
        b64_json: b64([1]),
        partial_image_index: 0,
        created_at: 1,
        ...settings,
      }) +
        event('image_edit.partial_image', {
          type: 'image_edit.partial_image',
          b64_json: b64([2]),
          partial_image_index: 1,
          created_at: 1,
          ...settings,
        }) +
        event('image_edit.completed', {
          type: 'image_edit.completed',
          b64_json: b64([3]),
          created_at: 2,
          ...settings,
          usage: { total_tokens: 9, input_tokens: 4, output_tokens: 5 },
        }),
    );
    const edited = await result;
    expect(progress).toEqual([
      { type: 'partial-image', index: 0, image: new Uint8Array([1]), mediaType: 'image/png' },
      { type: 'partial-image', index: 1, image: new Uint8Array([2]), mediaType: 'image/png' },
    ]);
    expect(edited.images).toEqual([{ data: new Uint8Array([3]), mediaType: 'image/png' }]);
    expect(edited.usage).toMatchObject({ inputTokens: 4, outputTokens: 5, totalTokens: 9 });
    expect(edited.echoed).toEqual(settings);
    expect(edited.requestId).toBe('req_s');
  });

  it('collects one completed image per requested image', async () => {
    const completed = (byte: number) =>
      event('image_edit.completed', {
        type: 'image_edit.completed',
        b64_json: b64([byte]),
        created_at: 2,
        ...settings,
        usage: { total_tokens: 2, input_tokens: 1, output_tokens: 1 },
      });
    const edited = await run(completed(7) + completed(8), 2).result;
    expect(edited.images.map((image) => [...image.data])).toEqual([[7], [8]]);
    expect(edited.usage).toMatchObject({ totalTokens: 4 });
  });

  it('ends with a RetouchError on an error event', async () => {
    const { result } = run(
      `event: error\ndata: ${JSON.stringify({
        error: {
          message: 'Rejected by the safety system',
          type: 'image_generation_user_error',
          code: 'moderation_blocked',
          param: null,
        },
      })}\n\n`,
    );
    await expect(result).rejects.toMatchObject({
      code: 'content_policy',
      retryable: false,
      requestId: 'req_s',
    });
  });

  it('reports a stream that stops before image_edit.completed', async () => {
    const { result } = run(
      event('image_edit.partial_image', {
        type: 'image_edit.partial_image',
        b64_json: b64([1]),
        partial_image_index: 0,
        ...settings,
      }),
    );
    await expect(result).rejects.toMatchObject({ code: 'invalid_response', retryable: true });
  });

  it('rejects events that are not JSON', async () => {
    await expect(run('data: <html>oops</html>\n\n').result).rejects.toMatchObject({
      code: 'invalid_response',
    });
  });
});
