// Child process: runs one BenchTask with one client in a fresh process and sends back its result.
import { benchApiKey } from './bench-key.js';
import {
  type BenchTask,
  geminiEditClient,
  imageEditClient,
  queueEditClient,
} from './tasks/bench-task.js';
import { runClientOverhead } from './tasks/client-overhead-task.js';
import { runConcurrency } from './tasks/concurrency-task.js';
import { runPhotoEdit, runPhotoPrepare } from './tasks/photo-edit-task.js';
import { runQueuePickup } from './tasks/queue-pickup-task.js';
import { runRegionEdit } from './tasks/region-edit-task.js';
import { runStreamVsJson } from './tasks/stream-vs-json-task.js';
import { runUploadMemory } from './tasks/upload-memory-task.js';

async function run(task: BenchTask): Promise<unknown> {
  switch (task.kind) {
    case 'upload-memory':
      return runUploadMemory(
        imageEditClient(task.side, task.url, benchApiKey),
        task.large,
        task.small,
      );
    case 'client-overhead':
      return runClientOverhead(
        imageEditClient(task.side, task.url, benchApiKey),
        task.small,
        task.edits,
      );
    case 'gemini-overhead':
      return runClientOverhead(
        geminiEditClient(task.side, task.url, benchApiKey),
        task.small,
        task.edits,
      );
    case 'concurrency':
      return runConcurrency(
        imageEditClient(task.side, task.url, benchApiKey),
        task.small,
        task.edits,
        task.concurrency,
      );
    case 'stream-vs-json':
      return runStreamVsJson(task.side, task.url, benchApiKey, task.small, task.edits);
    case 'photo-edit':
      return runPhotoEdit(task.side, task.url, benchApiKey, task.photo, task.small);
    case 'photo-prepare':
      return runPhotoPrepare(task.photo);
    case 'region-edit':
      return runRegionEdit(task.side, task.url, benchApiKey, task.photo, task.mask, task.small);
    case 'queue-pickup':
      return runQueuePickup(
        (url) => queueEditClient(task.side, url, benchApiKey),
        task.urls,
        task.small,
      );
  }
}

const task = JSON.parse(process.env.RETOUCH_BENCH_TASK ?? 'null') as BenchTask | null;
if (!task) throw new Error('RETOUCH_BENCH_TASK is not set: this file is started by run-all.js');
try {
  const result = await run(task);
  process.send?.({ ok: true, result }, () => process.exit(0));
} catch (error) {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.send?.({ ok: false, error: message }, () => process.exit(1));
}
