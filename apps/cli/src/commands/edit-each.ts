import { type CliContext, printErr, printOut } from '../cli-context.js';
import { batchApiJson, formatBatchApiOutcome } from '../edit/format-batch-api.js';
import { eachExitCode, eachJson, formatEachOutcome } from '../edit/format-each.js';
import { type BatchApiJob, runBatchApiJob } from '../edit/run-batch-api-job.js';
import { type EachJob, runEachEdit } from '../edit/run-each-edit.js';
import type { ExitCode } from '../exit-codes.js';
import { BatchProgressLine } from '../progress/batch-progress-line.js';
import { withInterrupt } from '../with-interrupt.js';

/** `retouch edit --each`: runs the batch with a live line, then prints what happened to each input. */
export async function editEachCommand(
  context: CliContext,
  job: Omit<EachJob, 'signal' | 'onEvent'>,
  notices: string[],
): Promise<ExitCode> {
  const progress =
    !context.machine && context.stderr.isTTY ? new BatchProgressLine(context.stderr) : undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return runEachEdit({ ...job, signal, onEvent: (event) => progress?.update(event) });
    },
    () => progress?.note('cancelling: no new edits start, running ones are cancelled…'),
  ).finally(() => progress?.stop());
  if (context.machine) await printOut(context, eachJson(outcome, job.prompt, notices));
  else {
    const text = formatEachOutcome(outcome, context.cwd);
    // A batch that did not finish is reported on stderr, like any failed command.
    await (eachExitCode(outcome) === 0 ? printOut(context, text) : printErr(context, text));
  }
  return eachExitCode(outcome);
}

/** `retouch edit --each --batch`: the same, on the provider's Batch API at the batch price. */
export async function editBatchApiCommand(
  context: CliContext,
  job: Omit<BatchApiJob, 'signal' | 'onEvent'>,
  notices: string[],
): Promise<ExitCode> {
  const progress =
    !context.machine && context.stderr.isTTY ? new BatchProgressLine(context.stderr) : undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return runBatchApiJob({
        ...job,
        signal,
        onEvent: (event) => {
          if (event.type === 'item-finished') progress?.update(event);
          else if (event.type === 'batch-submitted')
            progress?.note(`batch of ${event.requests} sent: waiting for the server (up to 24 h)`);
          else
            progress?.note(
              `batch ${event.status.replace('_', ' ')}: ${event.counts.completed + event.counts.failed} of ${event.counts.total} processed on the server`,
            );
        },
      });
    },
    () => progress?.note('stopping: the batch goes on on the server…'),
  ).finally(() => progress?.stop());
  if (context.machine) await printOut(context, batchApiJson(outcome, job.prompt, notices));
  else {
    const text = formatBatchApiOutcome(outcome, context.cwd);
    await (eachExitCode(outcome) === 0 ? printOut(context, text) : printErr(context, text));
  }
  return eachExitCode(outcome);
}
