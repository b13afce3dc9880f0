import { rm } from 'node:fs/promises';
import { type Emulator, startEmulator } from 'retouch-emulator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, pixelAt, readPixels } from '../test-support/images.js';
import { parseJsonOutput, runCli } from '../test-support/run-cli.js';

const key = 'gemini-cli-key-93a1c7';

let emulator: Emulator;
let dir: string;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
});
afterEach(async () => {
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const google = (prompt: string, extra: string[] = []) => [
  'edit',
  'photo.png',
  '--provider',
  'google',
  '--model',
  'gemini-3-pro-image',
  '--base-url',
  `${emulator.url}/v1beta`,
  '--prompt',
  prompt,
  ...extra,
];
const generateRequests = () =>
  emulator.requests.filter((request) => request.route === 'gemini.generateContent');

describe('retouch edit --provider google (built CLI against the emulator)', () => {
  it('edits through generateContent with the key from GEMINI_API_KEY and writes the result', async () => {
    const run = await runCli(google('make it grayscale', ['--size', '1376x768']), {
      cwd: dir,
      env: { GEMINI_API_KEY: key },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = parseJsonOutput(run.stdout);
    expect(out).toMatchObject({ ok: true, provider: 'google', model: 'gemini-3-pro-image' });
    const pixels = await readPixels(out.outputs[0].path);
    expect([pixels.width, pixels.height]).toEqual([1376, 768]);
    const [r, g, b] = pixelAt(pixels, 20, 20);
    expect(r).toBe(g);
    expect(g).toBe(b);
    expect(generateRequests()).toHaveLength(1);
    expect(generateRequests()[0]!.headers['x-goog-api-key']).toBe(key);
    expect(generateRequests()[0]!.path).not.toContain(key);
  });

  it('takes GOOGLE_API_KEY too', async () => {
    const run = await runCli(google('invert'), { cwd: dir, env: { GOOGLE_API_KEY: key } });
    expect(run.code).toBe(0);
  });

  it('exits 5 (content policy) when Google blocks the prompt, quoting the reason', async () => {
    const run = await runCli(google('something unsafe'), {
      cwd: dir,
      env: { GEMINI_API_KEY: key },
    });
    expect(run.code).toBe(5);
    const { error } = parseJsonOutput(run.stderr);
    expect(error.code).toBe('content_policy');
    expect(error.message).toContain('block reason SAFETY');
    expect(run.stderr).not.toContain(key);
    expect(generateRequests()).toHaveLength(1);
  });

  it('exits 5 for an IMAGE_SAFETY finish, quoting Google’s reason', async () => {
    const run = await runCli(google('nsfw'), { cwd: dir, env: { GEMINI_API_KEY: key } });
    expect(run.code).toBe(5);
    expect(parseJsonOutput(run.stderr).error.message).toContain('finish reason IMAGE_SAFETY');
  });

  it('retries RESOURCE_EXHAUSTED after its RetryInfo delay, then writes the result', async () => {
    emulator.setFaults([
      { route: 'gemini.generateContent', status: 429, retryDelay: '1.2s', times: 1 },
    ]);
    const run = await runCli(google('blur'), { cwd: dir, env: { GEMINI_API_KEY: key } });
    expect(run.code).toBe(0);
    expect(parseJsonOutput(run.stdout).outputs).toHaveLength(1);
    const [first, second] = generateRequests().map((request) => Date.parse(request.timestamp));
    expect(generateRequests()).toHaveLength(2);
    expect(second! - first!).toBeGreaterThanOrEqual(1200);
  });
});
