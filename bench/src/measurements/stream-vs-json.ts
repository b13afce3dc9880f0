import { randomFillSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { BenchImages } from '../bench-images.js';
import type { ResultRow } from '../results-table.js';
import { runInChild } from '../run-in-child.js';
import { spread } from '../stats.js';
import type { StreamSide, StreamVsJsonRun } from '../tasks/stream-vs-json-task.js';
import { alternate, plan } from './bench-plan.js';

/** Noise stored uncompressed, so the PNG is as large as its pixels: 1448² RGBA ≈ 8 MiB. */
async function largePng(): Promise<Buffer> {
  const edge = 1448;
  const pixels = randomFillSync(Buffer.alloc(edge * edge * 4));
  return sharp(pixels, { raw: { width: edge, height: edge, channels: 4 } })
    .png({ compressionLevel: 0, adaptiveFiltering: false })
    .toBuffer();
}

function event(type: string, b64: string): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, b64_json: b64, output_format: 'png' })}\n\n`;
}

/**
 * One answer per route, prepared once and sent from memory: `/json/v1/images/edits` as an
 * images response, `/sse/…` as a stream with only the completed image, `/sse-partial/…` with a
 * same-size partial image first (what `--partials 1` gets from a server that sends full-size
 * partials). The server runs in the runner process, the client in a child of its own.
 */
async function startAnswerServer(image: Buffer) {
  const b64 = image.toString('base64');
  const answers: Record<string, { type: string; body: Buffer }> = {
    json: {
      type: 'application/json',
      body: Buffer.from(JSON.stringify({ created: 1, data: [{ b64_json: b64 }] })),
    },
    sse: {
      type: 'text/event-stream',
      body: Buffer.from(event('image_edit.completed', b64)),
    },
    'sse-partial': {
      type: 'text/event-stream',
      body: Buffer.from(
        event('image_edit.partial_image', b64) + event('image_edit.completed', b64),
      ),
    },
  };
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const answer = answers[(request.url ?? '').split('/')[1] ?? ''];
      if (!answer) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': answer.type });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function measureStreamVsJson(images: BenchImages) {
  const image = await largePng();
  const server = await startAnswerServer(image);
  const sides: StreamSide[] = ['sse', 'sse-partial', 'json'];
  try {
    const runs = await alternate(plan.streamRuns, sides, (side) =>
      runInChild<StreamVsJsonRun>({
        kind: 'stream-vs-json',
        side: side as StreamSide,
        url: server.url,
        small: images.small,
        edits: plan.streamEdits,
      }),
    );
    const mebibytes = (image.byteLength / 1024 / 1024).toFixed(1);
    const row = (
      id: string,
      side: StreamSide,
      what: string,
      figure: 'wall' | 'client CPU',
      pick: (run: StreamVsJsonRun) => number,
      target: boolean,
    ): ResultRow => {
      const ours = spread(runs.get(side)!.map(pick));
      const json = spread(runs.get('json')!.map(pick));
      return {
        id,
        measurement: `Edit answer carrying one ${mebibytes} MiB PNG, ${figure} p50 per edit: server-sent events (${what}) vs the same client reading JSON`,
        unit: 'ms',
        ours,
        theirs: json,
        theirsName: 'JSON, same client',
        target: target ? '≤ 1.5× JSON' : '',
        met: target ? ours.median <= 1.5 * json.median : undefined,
      };
    };
    const wall = (run: StreamVsJsonRun) => run.wallP50Ms;
    const cpu = (run: StreamVsJsonRun) => run.cpuP50Ms;
    return {
      rows: [
        row('6a', 'sse', 'completed event only', 'wall', wall, true),
        row('6b', 'sse-partial', 'a same-size partial, then completed', 'wall', wall, false),
        row('6c', 'sse', 'completed event only', 'client CPU', cpu, false),
        row('6d', 'sse-partial', 'a same-size partial, then completed', 'client CPU', cpu, false),
      ],
      raw: Object.fromEntries(runs),
    };
  } finally {
    await server.close();
  }
}
