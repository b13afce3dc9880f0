import { randomBytes } from 'node:crypto';
import type { BatchError, EmulatorBatch } from './emulator-batch.js';
import type { OpenAiFiles } from './openai-files.js';
import { type BatchInputLine, readBatchInput } from './read-batch-input.js';

/** What one line's request answered: its status and JSON body, as the live endpoint would. */
export interface LineAnswer {
  status: number;
  body: unknown;
  requestId: string;
}

export interface BatchRunDeps {
  files: OpenAiFiles;
  /** Runs one line's body through the live endpoint's code. */
  answer(body: Record<string, unknown>): Promise<LineAnswer>;
  /** Real time standing for the 24 h completion window; past it the batch expires. */
  windowMs: number;
  /** Lines that fail on purpose: 1-based line numbers or custom ids. */
  failLines: ReadonlyArray<number | string>;
  /** Resolves when the emulator closes; the runner stops then. */
  closed: AbortSignal;
}

const seconds = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** What a line that fails on purpose answers: the moderation refusal real batches report most. */
function refusal(): { status: number; body: unknown } {
  return {
    status: 400,
    body: {
      error: {
        message: 'Your request was rejected as a result of our safety system.',
        type: 'image_generation_user_error',
        param: null,
        code: 'moderation_blocked',
      },
    },
  };
}

function outputLine(customId: string, answer: LineAnswer): string {
  return JSON.stringify({
    id: `batch_req_${randomBytes(12).toString('hex')}`,
    custom_id: customId,
    response: { status_code: answer.status, request_id: answer.requestId, body: answer.body },
    error: null,
  });
}

function notRunLine(customId: string, code: string, message: string): string {
  return JSON.stringify({
    id: `batch_req_${randomBytes(12).toString('hex')}`,
    custom_id: customId,
    response: null,
    error: { code, message },
  });
}

/**
 * Takes a batch from `validating` to its end: validates the input file, runs each line through
 * the real edit code (paced so the run fills a quarter of the window, so a client sees it in
 * progress), then writes the output and error files. A cancel stops it between lines; a run that
 * outlasts the window expires. Lines not run go to the error file with the reason.
 */
export async function runBatch(batch: EmulatorBatch, deps: BatchRunDeps): Promise<void> {
  const { closed } = deps;
  const deadline = Date.now() + deps.windowMs;
  await sleep(Math.min(200, deps.windowMs / 50), closed);
  const input = deps.files.get(batch.inputFileId);
  const read = input
    ? readBatchInput(input.bytes, batch.endpoint)
    : ({
        ok: false,
        errors: [
          { code: 'file_not_found', message: 'The input file is gone.', param: null, line: null },
        ],
      } as { ok: false; errors: BatchError[] });
  if (!read.ok) {
    batch.status = 'failed';
    batch.failedAt = seconds();
    batch.errors = read.errors;
    return;
  }
  if (read.model) batch.model = read.model;
  if (batch.cancelRequested) return finishCancelled(batch, read.lines, [], [], deps);
  batch.status = 'in_progress';
  batch.inProgressAt = seconds();
  batch.requestCounts.total = read.lines.length;
  const paceMs = (deps.windowMs * 0.25) / read.lines.length;
  const outputs: string[] = [];
  const errors: string[] = [];
  let next = 0;
  for (; next < read.lines.length; next++) {
    if (closed.aborted || batch.cancelRequested || Date.now() > deadline) break;
    const started = Date.now();
    const line = read.lines[next]!;
    const fails = deps.failLines.includes(line.line) || deps.failLines.includes(line.customId);
    const answer: LineAnswer = fails
      ? { ...refusal(), requestId: `req_${randomBytes(16).toString('hex')}` }
      : await deps.answer(line.body);
    if (answer.status === 200) {
      outputs.push(outputLine(line.customId, answer));
      batch.requestCounts.completed += 1;
    } else {
      errors.push(outputLine(line.customId, answer));
      batch.requestCounts.failed += 1;
    }
    await sleep(Math.max(0, paceMs - (Date.now() - started)), closed);
  }
  if (closed.aborted) return;
  const rest = read.lines.slice(next);
  if (batch.cancelRequested) return finishCancelled(batch, rest, outputs, errors, deps);
  if (rest.length > 0) {
    for (const line of rest) {
      errors.push(
        notRunLine(
          line.customId,
          'batch_expired',
          'This request could not be executed before the completion window expired.',
        ),
      );
    }
    writeFiles(batch, outputs, errors, deps.files);
    batch.status = 'expired';
    batch.expiredAt = seconds();
    return;
  }
  batch.status = 'finalizing';
  batch.finalizingAt = seconds();
  await sleep(Math.min(200, deps.windowMs / 50), closed);
  writeFiles(batch, outputs, errors, deps.files);
  batch.status = 'completed';
  batch.completedAt = seconds();
}

async function finishCancelled(
  batch: EmulatorBatch,
  rest: readonly BatchInputLine[],
  outputs: string[],
  errors: string[],
  deps: BatchRunDeps,
): Promise<void> {
  await sleep(Math.min(200, deps.windowMs / 50), deps.closed);
  for (const line of rest) {
    errors.push(
      notRunLine(
        line.customId,
        'batch_cancelled',
        'This request was not executed because the batch was cancelled.',
      ),
    );
  }
  writeFiles(batch, outputs, errors, deps.files);
  batch.status = 'cancelled';
  batch.cancelledAt = seconds();
}

/** Output and error files exist only when they have lines, as with the real service. */
function writeFiles(batch: EmulatorBatch, outputs: string[], errors: string[], files: OpenAiFiles) {
  if (outputs.length > 0) {
    const file = files.add(
      Buffer.from(`${outputs.join('\n')}\n`),
      `${batch.id}_output.jsonl`,
      'batch_output',
    );
    batch.outputFileId = file.id;
  }
  if (errors.length > 0) {
    const file = files.add(
      Buffer.from(`${errors.join('\n')}\n`),
      `${batch.id}_error.jsonl`,
      'batch_output',
    );
    batch.errorFileId = file.id;
  }
}
