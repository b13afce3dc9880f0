import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngImage } from '../__fixtures__/images.js';
import { deliverResults } from '../deliver/deliver-results.js';
import { isProcessAlive } from '../file-system/is-process-alive.js';
import { nodeOutputFileSystem as fs } from '../file-system/node-output-file-system.js';
import { sweepStaleTemps } from '../write/sweep-stale-temps.js';
import { findBatchResults } from './find-batch-results.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retouch-leftovers-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const source = 'ab'.repeat(32);

async function deliver(sourceName: string, batch?: { id: string; item: string }) {
  const delivery = await deliverResults({
    fs,
    folder: dir,
    sourceName,
    result: {
      provider: 'queue',
      model: 'm',
      images: [{ data: await pngImage(), mediaType: 'image/png', width: 48, height: 32 }],
      calls: [],
      warnings: [],
    },
    edit: {
      editId: 'e',
      tool: { name: 'test', version: '0' },
      prompt: 'invert',
      options: {},
      sources: [{ location: join(dir, sourceName), sha256: source }],
      ...(batch ? { batch } : {}),
    },
  });
  return delivery.outputs[0]!.name;
}

describe('results a crashed batch run wrote before its journal said so', () => {
  it('are found by the batch and item their own record names, and nothing else', async () => {
    const mine = await deliver('p04.png', { id: 'batch-a', item: 'p04.png' });
    await deliver('p04.png'); // edited by hand, outside any batch
    await deliver('p04.png', { id: 'batch-b', item: 'p04.png' }); // another batch
    await deliver('p05.png', { id: 'batch-a', item: 'p05.png' });
    const found = await findBatchResults(fs, dir, 'p04.png', { batch: 'batch-a', item: 'p04.png' });
    expect(found).toEqual([join(dir, mine)]);
    // The input changed since: its old result is no longer this item's edit.
    const changed = await findBatchResults(fs, dir, 'p04.png', {
      batch: 'batch-a',
      item: 'p04.png',
      sourceSha256: 'cd'.repeat(32),
    });
    expect(changed).toEqual([]);
  });
});

describe('temporary files a killed writer left', () => {
  it("are removed when their writer is gone or they are old, never another writer's in progress or a stranger's", async () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    const names = {
      deadWriter: `.p04.retouch-1.png.${dead}-0123456789ab.tmp`,
      liveWriter: `.p05.retouch-1.png.${process.ppid}-0123456789ab.tmp`,
      oldLegacy: '.p06.retouch-2.png.0123456789ab.tmp',
      newLegacy: '.p07.retouch-1.png.0123456789ab.tmp',
      journal: `..retouch-batch-0123456789abcdef.json.${dead}-0123456789ab.tmp`,
      probe: `.retouch-probe.${dead}-0123456789ab.tmp`,
      liveProbe: `.retouch-probe.${process.ppid}-0123456789ab.tmp`,
      notOurs: `.notes.txt.${dead}-0123456789ab.tmp`,
      plain: 'p04.png',
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(dir, names.oldLegacy), twoHoursAgo, twoHoursAgo);
    const removed = await sweepStaleTemps(fs, dir, { isWriterAlive: isProcessAlive });
    expect(removed.sort()).toEqual(
      [names.deadWriter, names.journal, names.probe, names.oldLegacy].sort(),
    );
    expect((await readdir(dir)).sort()).toEqual(
      [names.liveWriter, names.liveProbe, names.newLegacy, names.notOurs, names.plain].sort(),
    );
  });
});
