import { mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Emulator, startEmulator } from 'retouch-emulator';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorkDir, writeSolidPng } from '../test-support/images.js';
import { connectRetouchMcp, textOf } from '../test-support/mcp-client.js';

const key = 'sk-test-mcp-5d81f0';
const names = ['a.png', 'b.png', 'c.png', 'd.png', 'e.png'];

let emulator: Emulator;
let dir: string;
let open: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ apiKey: key, log: () => {} });
});
afterAll(() => emulator.close());
beforeEach(async () => {
  dir = await createWorkDir();
  for (const [i, name] of names.entries())
    await writeSolidPng(join(dir, name), [40 * i, 90, 200], 64);
});
afterEach(async () => {
  await open?.close();
  open = undefined;
  emulator.reset();
  await rm(dir, { recursive: true, force: true });
});

const env = () => ({ RETOUCH_BASE_URL: `${emulator.url}/v1`, OPENAI_API_KEY: key });
const edits = () => emulator.requests.filter((request) => request.route === 'images.edits');
const results = async (folder = dir) =>
  (await readdir(folder)).filter((name) => /\.retouch-\d+\./.test(name)).sort();

async function connect(options: Partial<Parameters<typeof connectRetouchMcp>[0]> = {}) {
  const connection = await connectRetouchMcp({
    cwd: dir,
    env: env(),
    args: ['--confirm-above', '100'],
    ...options,
  });
  open = connection;
  return connection;
}

describe('retouch mcp (the official MCP client over stdio, against the emulator)', () => {
  it('lists the six tools, each with a description and an input schema', async () => {
    const { client } = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'edit_each',
      'edit_history',
      'edit_image',
      'estimate_cost',
      'list_models',
      'list_presets',
    ]);
    const edit = tools.find((tool) => tool.name === 'edit_image')!;
    expect(edit.description).toMatch(/edit/i);
    expect(Object.keys(edit.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['images', 'prompt', 'mask', 'markup', 'n', 'size', 'model']),
    );
    // Keys come from the environment or the config file, never from an argument.
    expect(JSON.stringify(tools)).not.toMatch(/api.?key/i);
  });

  it('edit_image writes a result beside the source and returns a small preview of it', async () => {
    await writeSolidPng(join(dir, 'big.png'), [200, 40, 40], 1024);
    const { client } = await connect();
    const progress: string[] = [];
    const result = await client.callTool(
      { name: 'edit_image', arguments: { images: ['big.png'], prompt: 'make it grayscale' } },
      undefined,
      { onprogress: (event) => progress.push(event.message ?? '') },
    );
    expect(textOf(result)).toContain(join(dir, 'big.retouch-1.png'));
    expect(result.isError).toBeFalsy();
    expect(await results()).toEqual(['big.retouch-1.png']);
    expect(edits()).toHaveLength(1);
    const images = (result.content as { type: string; data: string; mimeType: string }[]).filter(
      (item) => item.type === 'image',
    );
    expect(images).toHaveLength(1);
    const preview = await sharp(Buffer.from(images[0]!.data, 'base64')).metadata();
    expect(Math.max(preview.width!, preview.height!)).toBeLessThanOrEqual(512);
    expect(result.structuredContent).toMatchObject({
      outputs: [join(dir, 'big.retouch-1.png')],
      cost: { kind: 'actual' },
    });
    expect(progress.length).toBeGreaterThan(0);

    const history = await client.callTool({
      name: 'edit_history',
      arguments: { image: 'big.png' },
    });
    expect(textOf(history)).toContain('make it grayscale');
    expect(textOf(history)).toContain('big.retouch-1.png');
  });

  it('edit_each over 5 images, then a resume by batch id sends only what was not done', async () => {
    // Edits after the second are refused by the server, so the batch stops part-way.
    emulator.setFaults([{ route: 'images.edits', afterRequests: 2, times: 3, status: 400 }]);
    const { client } = await connect();
    const first = await client.callTool({
      name: 'edit_each',
      arguments: { images: names, prompt: 'sepia' },
    });
    const { batchId, counts } = first.structuredContent as {
      batchId: string;
      counts: { done: number; total: number };
    };
    expect(batchId).toBeTruthy();
    expect(counts.total).toBe(5);
    expect(counts.done).toBeLessThan(5);
    expect(textOf(first)).toContain(batchId);
    const doneFirst = counts.done;
    const sentFirst = edits().length;

    emulator.setFaults([]);
    const second = await client.callTool({ name: 'edit_each', arguments: { batchId } });
    expect(second.structuredContent).toMatchObject({ batchId, counts: { done: 5, total: 5 } });
    expect(edits().length - sentFirst).toBe(5 - doneFirst);
    expect(await results()).toEqual(names.map((name) => name.replace('.png', '.retouch-1.png')));
  });

  it('a cancel from the client cancels the queue job on the server', async () => {
    const queue = await startEmulator({
      apiKey: key,
      workers: 1,
      jobDurationMs: 60_000,
      log: () => {},
    });
    try {
      // One worker, held by a slow job, so the edit really waits in the queue.
      const blocker = await fetch(`${queue.url}/v1/queue/gpt_image_1_edit`, {
        method: 'POST',
        headers: { authorization: `Key ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          prompt: 'hold the worker',
          images: [
            `data:image/png;base64,${(await readFile(join(dir, 'a.png'))).toString('base64')}`,
          ],
        }),
      });
      expect(blocker.status).toBe(200);
      const { client } = await connect({
        env: { RETOUCH_BASE_URL: `${queue.url}/v1/queue`, FAL_KEY: key },
        // The queue's prices are not known, so the user is asked; here they say yes.
        elicit: () => 'accept',
      });
      const controller = new AbortController();
      const call = client.callTool(
        {
          name: 'edit_image',
          arguments: { images: ['a.png'], prompt: 'sepia', provider: 'queue' },
        },
        undefined,
        { signal: controller.signal },
      );
      call.catch(() => {});
      const queued = () => [...queue.jobs.values()].find((job) => job.status === 'IN_QUEUE');
      await expect.poll(queued, { timeout: 15_000, interval: 50 }).toBeTruthy();
      const job = queued()!;
      controller.abort();
      await expect(call).rejects.toThrow();
      await expect
        .poll(() => queue.requests.some((r) => r.route === 'queue.cancel' && r.method === 'PUT'), {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(true);
      expect(job.cancelled).toBe(true);
    } finally {
      await queue.close();
    }
  });

  it('refuses paths outside the client roots, symlinks and .. included, with nothing sent', async () => {
    const inside = join(dir, 'project');
    await mkdir(inside);
    await writeSolidPng(join(inside, 'ok.png'), [1, 2, 3], 32);
    await symlink(join(dir, 'a.png'), join(inside, 'link.png'));
    const { client } = await connect({ roots: [inside] });
    for (const images of [['../a.png'], [join(dir, 'b.png')], ['link.png']]) {
      const result = await client.callTool({
        name: 'edit_image',
        arguments: { images, prompt: 'x' },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/outside the folders this client shared/);
    }
    const out = await client.callTool({
      name: 'edit_image',
      arguments: { images: ['ok.png'], prompt: 'x', out: '../elsewhere' },
    });
    expect(out.isError).toBe(true);
    expect(edits()).toHaveLength(0);
    expect(await results()).toEqual([]);
  });

  it('refuses an edit over the session budget, and one without a key, with nothing sent', async () => {
    const { client } = await connect({ args: ['--max-cost', '0.0001', '--confirm-above', '100'] });
    const over = await client.callTool({
      name: 'edit_image',
      arguments: { images: ['a.png'], prompt: 'x' },
    });
    expect(over.isError).toBe(true);
    expect(textOf(over)).toMatch(/budget/);
    await open?.close();
    const keyless = await connect({ env: { RETOUCH_BASE_URL: `${emulator.url}/v1` } });
    const noKey = await keyless.client.callTool({
      name: 'edit_image',
      arguments: { images: ['a.png'], prompt: 'x' },
    });
    expect(noKey.isError).toBe(true);
    expect(textOf(noKey)).toMatch(/key/i);
    expect(textOf(noKey)).not.toContain(key);
    expect(emulator.requests).toHaveLength(0);
  });

  it('asks the user above the threshold; declined, or a client that cannot ask, sends nothing', async () => {
    const asking = await connect({ args: ['--confirm-above', '0'], elicit: () => 'decline' });
    const declined = await asking.client.callTool({
      name: 'edit_image',
      arguments: { images: ['a.png'], prompt: 'x' },
    });
    expect(declined.isError).toBe(true);
    expect(asking.asked).toEqual([expect.stringMatching(/estimated at/)]);
    await open?.close();
    const mute = await connect({ args: ['--confirm-above', '0'] });
    const refused = await mute.client.callTool({
      name: 'edit_image',
      arguments: { images: ['a.png'], prompt: 'x' },
    });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/estimated at .*cannot ask/);
    expect(emulator.requests.filter((r) => r.route === 'images.edits')).toHaveLength(0);
    await open?.close();
    const accepting = await connect({ args: ['--confirm-above', '0'], elicit: () => 'accept' });
    const sent = await accepting.client.callTool({
      name: 'edit_image',
      arguments: { images: ['a.png'], prompt: 'x' },
    });
    expect(sent.isError).toBeFalsy();
    expect(edits()).toHaveLength(1);
  });
});
