import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { RetouchError } from '@retouch/core';
import {
  describeEachProgress,
  describeEditProgress,
  type EachProgress,
  initialEachProgress,
  initialEditProgress,
  reduceEachProgress,
  reduceEditProgress,
} from '@retouch/session';
import { eachResult, editResult } from './edit-result.js';
import type { AgentEditArgs, McpRuntime } from './mcp-runtime.js';

/** What the SDK hands a tool: the cancel signal and a way to report progress. */
export interface ToolCall {
  signal: AbortSignal;
  progress?: (progress: number, total: number | undefined, message: string) => void;
}

export interface EditImageArgs extends AgentEditArgs {
  images: string[];
  prompt: string;
  mask?: string | undefined;
  markup?: string | undefined;
}

export interface EditEachArgs extends AgentEditArgs {
  images?: string[] | undefined;
  prompt?: string | undefined;
  batchId?: string | undefined;
  mask?: string | undefined;
}

/** Every path an edit names, checked against the client's roots before anything else. */
export async function checkedPaths(
  runtime: McpRuntime,
  args: {
    images: string[];
    mask?: string | undefined;
    markup?: string | undefined;
    out?: string | undefined;
  },
) {
  const guard = await runtime.guard();
  const images = await Promise.all(
    args.images.map((path, i) => guard.existing(path, `images[${i}]`)),
  );
  return {
    images,
    ...(args.mask === undefined ? {} : { mask: await guard.existing(args.mask, 'mask') }),
    ...(args.markup === undefined ? {} : { markup: await guard.existing(args.markup, 'markup') }),
    ...(args.out === undefined ? {} : { out: await guard.writable(args.out, 'out') }),
  };
}

/** `edit_image`: one edit through the session, its progress reported, cancelled with the call. */
export async function editImageTool(
  runtime: McpRuntime,
  args: EditImageArgs,
  call: ToolCall,
): Promise<CallToolResult> {
  const paths = await checkedPaths(runtime, args);
  const configured = await runtime.provider(args);
  const session = runtime.session({ confirm: true });
  const plan = await session.plan(runtime.request(configured, args, paths, args.prompt, false));
  let state = initialEditProgress;
  let step = 0;
  const outcome = await session.edit(plan, {
    signal: call.signal,
    onProgress(event) {
      state = reduceEditProgress(state, event);
      call.progress?.(++step, undefined, describeEditProgress(state));
    },
  });
  runtime.settings.budget.spend(outcome.cost);
  return editResult(outcome);
}

/**
 * `edit_each`: the session's batch (its journal beside the results makes a second run skip what
 * is done). The batch id names the arguments within this server, so a resume needs only the id.
 */
export class EachBatches {
  private readonly batches = new Map<string, EditEachArgs>();

  async run(runtime: McpRuntime, args: EditEachArgs, call: ToolCall): Promise<CallToolResult> {
    const batchId = args.batchId ?? randomUUID().slice(0, 8);
    const known = args.batchId === undefined ? undefined : this.batches.get(args.batchId);
    if (args.batchId !== undefined && !known) {
      throw new RetouchError({
        code: 'invalid_request',
        message: `There is no batch "${args.batchId}" in this session; call edit_each with the images and the prompt again (images done before are skipped, not paid twice).`,
        issues: [{ field: 'batchId', message: 'unknown' }],
      });
    }
    const request = known ?? args;
    if (!request.images?.length || !request.prompt?.trim()) {
      throw new RetouchError({
        code: 'invalid_request',
        message:
          'Give the images and the prompt (or the batchId of an earlier edit_each to resume it).',
        issues: [{ field: request.images?.length ? 'prompt' : 'images', message: 'required' }],
      });
    }
    const paths = await checkedPaths(runtime, { ...request, images: request.images });
    const configured = await runtime.provider(request);
    const session = runtime.session({ confirm: true });
    const plan = await session.plan(
      runtime.request(configured, request, paths, request.prompt, true),
    );
    this.batches.set(batchId, request);
    let state: EachProgress = initialEachProgress;
    const outcome = await session.each(plan, {
      signal: call.signal,
      onEvent(event) {
        state = reduceEachProgress(state, event, Date.now());
        const counts = state.counts;
        call.progress?.(counts?.done ?? 0, counts?.total, describeEachProgress(state, Date.now()));
      },
    });
    for (const item of outcome.summary.items) {
      if (item.status === 'done') runtime.settings.budget.spend(item.cost);
    }
    return eachResult(batchId, outcome);
  }
}
