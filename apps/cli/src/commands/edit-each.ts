import { describeBatchApiEvent, type EditPlan, type Session } from '@retouch/session';
import { type CliContext, printErr, printOut } from '../cli-context.js';
import { batchApiJson, formatBatchApiOutcome } from '../edit/format-batch-api.js';
import { eachExitCode, eachJson, formatEachOutcome } from '../edit/format-each.js';
import type { ExitCode } from '../exit-codes.js';
import { BatchProgressLine } from '../progress/batch-progress-line.js';
import { withInterrupt } from '../with-interrupt.js';

/** `retouch edit --each`: runs the batch with a live line, then prints what happened to each input. */
export async function editEachCommand(
  context: CliContext,
  session: Session<string>,
  plan: EditPlan<string>,
  options: { notices: string[]; concurrency?: number; fresh: boolean },
): Promise<ExitCode> {
  const progress =
    !context.machine && context.stderr.isTTY ? new BatchProgressLine(context.stderr) : undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return session.each(plan, {
        signal,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        fresh: options.fresh,
        onEvent: (event) => progress?.update(event),
      });
    },
    () => progress?.note('cancelling: no new edits start, running ones are cancelled…'),
  ).finally(() => progress?.stop());
  if (context.machine) await printOut(context, eachJson(outcome, plan.prompt, options.notices));
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
  session: Session<string>,
  plan: EditPlan<string>,
  options: { notices: string[]; cancel: boolean },
): Promise<ExitCode> {
  const progress =
    !context.machine && context.stderr.isTTY ? new BatchProgressLine(context.stderr) : undefined;
  const outcome = await withInterrupt(
    (signal) => {
      progress?.start();
      return session.batchApiEach(plan, {
        signal,
        cancel: options.cancel,
        onEvent: (event) => {
          if (event.type === 'item-finished') progress?.update(event);
          const words = describeBatchApiEvent(event);
          if (words) progress?.note(words);
        },
      });
    },
    () => progress?.note('stopping: the batch goes on on the server…'),
  ).finally(() => progress?.stop());
  if (context.machine) await printOut(context, batchApiJson(outcome, plan.prompt, options.notices));
  else {
    const text = formatBatchApiOutcome(outcome, context.cwd);
    await (eachExitCode(outcome) === 0 ? printOut(context, text) : printErr(context, text));
  }
  return eachExitCode(outcome);
}
