import { request } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataUrl, useEmulator } from './test-support/emulator.js';
import { squareOnWhite } from './test-support/images.js';

const emulator = useEmulator({ jobDurationMs: 5, maxBodyBytes: 64 * 1024 });

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

function send({ method, path, headers, body }: Sent): Promise<number | undefined> {
  const { port } = new URL(emulator().url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout ${method} ${path}`)));
    req.end(method === 'GET' || method === 'HEAD' ? undefined : body);
  });
}

const PATHS = [
  '/v1/images/edits',
  '/openai/deployments/x/images/edits',
  '/v1/queue/gpt_image_1_edit',
  '/v1/queue/m/requests/',
  '/fal-ai/gpt-image-1/edit',
  '/fal-ai/x/requests/',
  '/files/',
  '/__admin/',
  '/',
];
const path = fc
  .tuple(fc.constantFrom(...PATHS), fc.stringMatching(/^[A-Za-z0-9._~%/?=&-]{0,30}$/))
  .map(([a, b]) => a + b);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const headers = fc.record(
  {
    'content-type': fc.oneof(
      fc.constantFrom(
        'application/json',
        'multipart/form-data; boundary=abc',
        'multipart/form-data',
        'text/plain',
      ),
      headerValue,
    ),
    authorization: headerValue,
    'api-key': headerValue,
    host: fc.constantFrom('127.0.0.1', 'evil.example:1', '[::1]:99', '%%%'),
  },
  { requiredKeys: [] },
);

describe('fuzz: bad input never crashes the emulator', () => {
  it('answers every request with a non-5xx status over bodies, headers and paths', async () => {
    const png = await squareOnWhite(8);
    const fieldValue = fc.oneof(
      fc.jsonValue(),
      fc.constant(dataUrl(png)),
      fc.constant([dataUrl(png)]),
    );
    const structured = fc
      .record(
        {
          prompt: fieldValue,
          images: fc.oneof(fieldValue, fc.constant([{ image_url: dataUrl(png) }])),
          image_urls: fieldValue,
          mask: fieldValue,
          n: fieldValue,
          size: fc.oneof(fieldValue, fc.constantFrom('auto', '16x16', '0x0', '99999x1')),
          output_format: fieldValue,
          output_compression: fieldValue,
          background: fieldValue,
          stream: fieldValue,
        },
        { requiredKeys: [] },
      )
      .map((v) => new TextEncoder().encode(JSON.stringify(v)));
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      structured,
      fc.string().map((s) => new TextEncoder().encode(s)),
    );
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (m, p, h, b) => {
        const status = await send({ method: m, path: p, headers: h, body: b });
        expect(status).toBeDefined();
        expect(status!).toBeLessThan(500);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('survives random multipart forms with a real image', async () => {
    const png = await squareOnWhite(8);
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(
        '1',
        '3',
        '11',
        'true',
        'null',
        'auto',
        'png',
        'jpeg',
        'transparent',
        '8x8',
        '-1',
      ),
    );
    const fields = fc.dictionary(
      fc.constantFrom(
        'prompt',
        'n',
        'size',
        'model',
        'quality',
        'background',
        'output_format',
        'output_compression',
        'stream',
        'partial_images',
        'response_format',
        'input_fidelity',
        'user',
        'x',
      ),
      text,
      { maxKeys: 8 },
    );
    const files = fc.subarray(['image', 'image[]', 'mask', 'prompt']);
    await fc.assert(
      fc.asyncProperty(fields, files, async (f, fileKeys) => {
        const data = new FormData();
        for (const [k, v] of Object.entries(f)) data.append(k, v);
        for (const k of fileKeys) data.append(k, new Blob([new Uint8Array(png)]), 'x.png');
        const res = await fetch(`${emulator().url}/v1/images/edits`, {
          method: 'POST',
          body: data,
        });
        await res.arrayBuffer();
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 300) / 2) },
    );
    expect((await fetch(`${emulator().url}/files/none`)).status).toBe(404);
  });
});
