import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { specValidator } from '../openapi/spec-validator.js';
import { dataUrl, useEmulator } from '../test-support/emulator.js';
import { pixels, squareOnWhite } from '../test-support/images.js';

const emulator = useEmulator({
  apiKey: 'sk-test',
  batchWindowMs: 4000,
  batchFailLines: ['fail-me'],
});
const client = () =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${emulator().url}/v1`, maxRetries: 0 });

const line = (customId: string, body: Record<string, unknown>) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/images/edits', body });

async function waitForEnd(id: string) {
  for (;;) {
    const batch = await client().batches.retrieve(id);
    if (['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) return batch;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const conforms = (schema: string, value: unknown) =>
  expect(specValidator().validate(schema, JSON.parse(JSON.stringify(value)))).toBeUndefined();

describe('the Batch API, through the official openai SDK unchanged', () => {
  it('uploads an image and a JSONL input, runs real edits, and serves output and errors', async () => {
    const image = await client().files.create({
      file: await toFile(await squareOnWhite(32), 'square.png', { type: 'image/png' }),
      purpose: 'vision',
    });
    conforms('OpenAIFile', image);
    expect(image.bytes).toBeGreaterThan(0);
    const jsonl = [
      line('by-file-id', {
        model: 'gpt-image-1',
        prompt: 'grayscale',
        images: [{ file_id: image.id }],
      }),
      line('by-data-url', {
        model: 'gpt-image-1',
        prompt: 'grayscale',
        images: [{ image_url: dataUrl(await squareOnWhite(16)) }],
      }),
      line('fail-me', {
        model: 'gpt-image-1',
        prompt: 'grayscale',
        images: [{ file_id: image.id }],
      }),
      line('bad-file', {
        model: 'gpt-image-1',
        prompt: 'grayscale',
        images: [{ file_id: 'file-nope' }],
      }),
    ].join('\n');
    const input = await client().files.create({
      file: await toFile(Buffer.from(jsonl), 'input.jsonl'),
      purpose: 'batch',
    });
    const created = await client().batches.create({
      input_file_id: input.id,
      endpoint: '/v1/images/edits',
      completion_window: '24h',
      metadata: { job: 'test' },
    });
    conforms('Batch', created);
    expect(created.status).toBe('validating');
    const done = await waitForEnd(created.id);
    conforms('Batch', done);
    expect(done.status).toBe('completed');
    expect(done.request_counts).toEqual({ total: 4, completed: 2, failed: 2 });
    expect(done.metadata).toEqual({ job: 'test' });

    const output = await (await client().files.content(done.output_file_id!)).text();
    const results = output
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(results.map((result) => result.custom_id)).toEqual(['by-file-id', 'by-data-url']);
    const picture = await pixels(Buffer.from(results[0].response.body.data[0].b64_json, 'base64'));
    const [r, g, b] = picture.at(16, 16);
    expect(r === g && g === b).toBe(true);
    conforms('ImagesResponse', results[0].response.body);

    const errors = (await (await client().files.content(done.error_file_id!)).text())
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text));
    expect(
      errors.map((error) => [
        error.custom_id,
        error.response.status_code,
        error.response.body.error.code,
      ]),
    ).toEqual([
      ['fail-me', 400, 'moderation_blocked'],
      ['bad-file', 400, 'file_not_found'],
    ]);
    expect((await client().files.retrieve(done.output_file_id!)).purpose).toBe('batch_output');
  });

  it('lists newest first with after and limit, and cancels a running batch', async () => {
    const input = await client().files.create({
      file: await toFile(
        Buffer.from(
          Array.from({ length: 20 }, (_, i) =>
            line(`l${i}`, {
              model: 'gpt-image-1',
              prompt: 'invert',
              images: [{ image_url: dataUrl(Buffer.from('')) }],
            }),
          ).join('\n'),
        ),
        'input.jsonl',
      ),
      purpose: 'batch',
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(
        (
          await client().batches.create({
            input_file_id: input.id,
            endpoint: '/v1/images/edits',
            completion_window: '24h',
          })
        ).id,
      );
    }
    const first = await client().batches.list({ limit: 2 });
    expect(first.data.map((batch) => batch.id)).toEqual([ids[2], ids[1]]);
    expect(first.has_more).toBe(true);
    const next = await client().batches.list({ limit: 2, after: ids[1] });
    expect(next.data.map((batch) => batch.id)).toEqual([ids[0]]);
    const raw = await fetch(`${emulator().url}/v1/batches?limit=2`, {
      headers: { authorization: 'Bearer sk-test' },
    });
    conforms('ListBatchesResponse', await raw.json());

    const cancelling = await client().batches.cancel(ids[0]!);
    expect(['cancelling', 'cancelled']).toContain(cancelling.status);
    const ended = await waitForEnd(ids[0]!);
    expect(ended.status).toBe('cancelled');
    expect(ended.cancelled_at).toBeGreaterThan(0);
    await expect(client().batches.cancel(ids[0]!)).resolves.toMatchObject({ status: 'cancelled' });
  });

  it('fails a batch whose input is not valid JSONL for the endpoint, naming the line', async () => {
    const input = await client().files.create({
      file: await toFile(
        Buffer.from(`${line('a', { model: 'gpt-image-1' })}\nnot json\n`),
        'in.jsonl',
      ),
      purpose: 'batch',
    });
    const batch = await client().batches.create({
      input_file_id: input.id,
      endpoint: '/v1/images/edits',
      completion_window: '24h',
    });
    const ended = await waitForEnd(batch.id);
    expect(ended.status).toBe('failed');
    expect(ended.errors?.data?.[0]).toMatchObject({ code: 'invalid_json_line', line: 2 });
  });

  it('answers OpenAI errors for a wrong window, an unknown file and an unknown batch', async () => {
    const sdk = client();
    await expect(
      sdk.batches.create({
        input_file_id: 'file-x',
        endpoint: '/v1/images/edits',
        completion_window: '1h' as '24h',
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      sdk.batches.create({
        input_file_id: 'file-x',
        endpoint: '/v1/images/edits',
        completion_window: '24h',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'input_file_id' });
    await expect(sdk.batches.retrieve('batch_nope')).rejects.toMatchObject({ status: 404 });
    await expect(sdk.files.content('file-nope')).rejects.toMatchObject({ status: 404 });
    const deleted = await sdk.files.delete(
      (
        await sdk.files.create({
          file: await toFile(Buffer.from('{}'), 'x.jsonl'),
          purpose: 'batch',
        })
      ).id,
    );
    expect(deleted.deleted).toBe(true);
  });
});

describe('a batch that outlasts its window', () => {
  const slow = useEmulator({ batchWindowMs: 300, latencyMs: 0 });
  it('expires: what ran is in the output, the rest in the error file as batch_expired', async () => {
    const sdk = new OpenAI({ apiKey: 'k', baseURL: `${slow().url}/v1`, maxRetries: 0 });
    const image = await squareOnWhite(512);
    const body = {
      model: 'gpt-image-1',
      prompt: 'sepia',
      images: [{ image_url: dataUrl(image) }],
      size: '1024x1024',
    };
    const input = await sdk.files.create({
      file: await toFile(
        Buffer.from(Array.from({ length: 40 }, (_, i) => line(`x${i}`, body)).join('\n')),
        'in.jsonl',
      ),
      purpose: 'batch',
    });
    const batch = await sdk.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/images/edits',
      completion_window: '24h',
    });
    let ended = await sdk.batches.retrieve(batch.id);
    while (!['expired', 'completed'].includes(ended.status)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      ended = await sdk.batches.retrieve(batch.id);
    }
    expect(ended.status).toBe('expired');
    const errors = (await (await sdk.files.content(ended.error_file_id!)).text())
      .trim()
      .split('\n');
    expect(JSON.parse(errors.at(-1)!).error.code).toBe('batch_expired');
    expect(ended.request_counts!.completed + errors.length).toBe(40);
  });
});
