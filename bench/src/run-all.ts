// `pnpm bench`: every measurement, ours beside theirs, then bench/results.json and results.md.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ensureBenchImages } from './bench-images.js';
import { benchDir } from './bench-paths.js';
import { describeMachine, machineLine } from './machine.js';
import { batchOutputNote, measureBatchOutput } from './measurements/batch-output.js';
import { plan } from './measurements/bench-plan.js';
import { measureClientOverhead } from './measurements/client-overhead.js';
import { measureConcurrency } from './measurements/concurrency.js';
import { measureEachBatch } from './measurements/each-batch.js';
import { measureExtension } from './measurements/extension.js';
import { measureGeminiOverhead } from './measurements/gemini-overhead.js';
import { measureMcpStartup } from './measurements/mcp-startup.js';
import { measurePhotoEdits } from './measurements/photo-edits.js';
import { measureQueuePickup } from './measurements/queue-pickup.js';
import { measureRateLimitStorm } from './measurements/rate-limit-storm.js';
import { measureRegionEdit } from './measurements/region-edit.js';
import { measureStreamVsJson } from './measurements/stream-vs-json.js';
import { measureUploadMemory } from './measurements/upload-memory.js';
import { methodNotes } from './method-notes.js';
import { installedVersion } from './peer-versions.js';
import { type BenchResults, formatResultsTable, type ResultRow } from './results-table.js';
import { median } from './stats.js';

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${name}…`);
  const value = await run();
  log(`${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

const started = performance.now();
const loadBefore = loadavg()[0]!;
const machine = describeMachine();
const peers = {
  openai: installedVersion('openai'),
  '@fal-ai/client': installedVersion('@fal-ai/client'),
  '@google/genai': installedVersion('@google/genai'),
};
const openaiName = 'openai';
const falName = '@fal-ai/client';
const genaiName = '@google/genai';
const images = await step('inputs', ensureBenchImages);
const upload = await step('1 upload memory', () => measureUploadMemory(images, openaiName));
const overhead = await step('2 client overhead', () => measureClientOverhead(images, openaiName));
const concurrency = await step('3 concurrency', () => measureConcurrency(images, openaiName));
const queue = await step('4 queue pickup', () => measureQueuePickup(images, falName));
const extension = await step('5 extension', measureExtension);
const stream = await step('6 streaming vs JSON', () => measureStreamVsJson(images));
const each = await step('7 edit --each batch', () => measureEachBatch(images));
const mcp = await step('8 retouch mcp start', measureMcpStartup);
const gemini = await step('9 Gemini client overhead', () =>
  measureGeminiOverhead(images, genaiName),
);
const storm = await step('10 rate-limit storm', () => measureRateLimitStorm(images));
const photos = await step('11–12 photos over a 20 Mbit/s uplink', () =>
  measurePhotoEdits(images, openaiName),
);
const region = await step('13 a region edit over a 20 Mbit/s uplink', () =>
  measureRegionEdit(images, openaiName),
);
const batchOutput = await step('14 Batch API output', measureBatchOutput);

const rows: ResultRow[] = [
  ...upload.rows,
  ...overhead.rows,
  ...concurrency.rows,
  ...queue.rows,
  ...extension.rows,
  ...stream.rows,
  ...each.rows,
  ...mcp.rows,
  ...gemini.rows,
  ...storm.rows,
  ...photos.rows,
  ...region.rows,
  ...batchOutput.rows,
];
const loadAfter = loadavg()[0]!;
const results: BenchResults = {
  machine: machineLine(machine),
  peers,
  rows,
  notes: [
    ...methodNotes(
      plan,
      { before: loadBefore, after: loadAfter, cores: machine.cores },
      concurrency.raw.emulatorCpuPerEditMs.length > 0
        ? median(concurrency.raw.emulatorCpuPerEditMs)
        : undefined,
    ),
    batchOutputNote(plan.batchOutputRuns),
  ],
};
const elapsedS = Math.round((performance.now() - started) / 1000);
const json = {
  generatedBy: 'pnpm bench',
  quick: plan.quick,
  elapsedS,
  loadAverage: { before: loadBefore, after: loadAfter },
  machineInfo: machine,
  ...results,
  raw: {
    uploadMemory: upload.raw,
    clientOverhead: overhead.raw,
    concurrency: concurrency.raw,
    queuePickup: queue.raw,
    extension: extension.raw,
    streamVsJson: stream.raw,
    editEach: each.raw,
    photoEdits: photos.raw,
    regionEdit: region.raw,
    mcpStartup: mcp.raw,
    geminiOverhead: gemini.raw,
    rateLimitStorm: storm.raw,
    batchOutput: batchOutput.raw,
  },
};
writeFileSync(join(benchDir, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
const table = formatResultsTable(results);
writeFileSync(join(benchDir, 'results.md'), `# Retouch benchmarks\n\n${table}`);
process.stdout.write(table);
log(`done in ${elapsedS} s`);
