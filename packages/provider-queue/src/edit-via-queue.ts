import type { EditCall, LongJobSteps, ProviderEditResult } from '@retouch/core';
import { isRetouchError, RetouchError } from '@retouch/core';
import { abortError } from './poll-schedule.js';

/**
 * `edit()` for callers that do not use the job steps: start, watch (reporting progress), fetch
 * the result. On abort the job is cancelled on the server, best effort, and the error says
 * whether it was too late to stop it.
 */
export async function editViaQueue(
  jobs: LongJobSteps,
  call: EditCall,
  provider: string,
): Promise<ProviderEditResult> {
  const handle = await jobs.start(call);
  try {
    for await (const status of jobs.watch(handle, { signal: call.signal })) {
      if (status.state === 'queued') {
        call.onProgress({
          type: 'queued',
          ...(status.position === undefined ? {} : { position: status.position }),
        });
      } else if (status.state === 'running') {
        call.onProgress({ type: 'running', ...(status.logs ? { logs: status.logs } : {}) });
      }
    }
    return await jobs.result(handle, { signal: call.signal });
  } catch (error) {
    if (!call.signal.aborted) throw error;
    const stopped = abortError(call.signal, provider);
    const outcome = await jobs.cancel(handle);
    if (outcome !== 'too-late') throw stopped;
    throw new RetouchError({
      code: stopped.code,
      provider,
      requestId: handle.id,
      retryable: stopped.retryable,
      message: `${stopped.message} The job ${handle.id} had already started and could not be cancelled, so it may still finish and be billed.`,
      cause: isRetouchError(error) ? error : undefined,
    });
  }
}
