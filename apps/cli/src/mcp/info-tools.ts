import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { nodeOutputFileSystem } from '@retouch/output/node';
import { describePresetOptions, editHistoryOf, formatCost } from '@retouch/session';
import { formatModel } from '../commands/format-model.js';
import { loadPresets } from '../presets/load-presets.js';
import { checkedPaths } from './edit-tools.js';
import type { AgentEditArgs, McpRuntime } from './mcp-runtime.js';

/** `estimate_cost`: the session's plan and dry run, nothing sent, no confirmation asked. */
export type EstimateArgs = AgentEditArgs & {
  images: string[];
  prompt?: string | undefined;
  each?: boolean | undefined;
};

export async function estimateCostTool(
  runtime: McpRuntime,
  args: EstimateArgs,
): Promise<CallToolResult> {
  const paths = await checkedPaths(runtime, args);
  const configured = await runtime.provider(args);
  const session = runtime.session({ confirm: false });
  const request = runtime.request(
    configured,
    args,
    paths,
    args.prompt ?? 'estimate',
    args.each === true,
  );
  const plan = await session.plan({ ...request, maxCost: undefined });
  const dry = await session.dryRun({
    ...plan,
    ...(request.maxCost === undefined ? {} : { maxCost: request.maxCost }),
  });
  const budget = runtime.settings.budget;
  const lines = [
    `${dry.edits} edit${dry.edits === 1 ? '' : 's'} with ${dry.provider}:${dry.model}: ${formatCost(dry.total)} (${formatCost(dry.perEdit)} each).`,
    ...(dry.doneBefore ? [`${dry.doneBefore} done before, skipped.`] : []),
    ...(dry.leftOut ? [`${dry.leftOut} results of an earlier run left out.`] : []),
    ...(budget.maxCost === undefined
      ? []
      : [
          `Session budget: ${budget.remaining()!.toFixed(2)} left of ${budget.maxCost.toFixed(2)}; ${dry.withinBudget ? 'fits' : 'would not fit'}.`,
        ]),
    ...dry.warnings.map((warning) => `Warning: ${warning.message}`),
  ];
  return {
    content: [{ type: 'text', text: lines.join('\n') }],
    structuredContent: {
      provider: dry.provider,
      model: dry.model,
      edits: dry.edits,
      perEdit: dry.perEdit,
      total: dry.total,
      ...(dry.withinBudget === undefined ? {} : { withinBudget: dry.withinBudget }),
    },
  };
}

/** `list_models`: what `retouch models --offline` shows, for the configured provider. */
export async function listModelsTool(
  runtime: McpRuntime,
  args: { provider?: string | undefined },
): Promise<CallToolResult> {
  const { provider } = await runtime.provider(args);
  return {
    content: [
      {
        type: 'text',
        text: [
          `Models of ${provider.id}:`,
          ...provider.models.map((model) => formatModel(model)),
        ].join('\n\n'),
      },
    ],
    structuredContent: {
      provider: provider.id,
      models: provider.models.map((model) => ({ id: model.id, capabilities: model.capabilities })),
    },
  };
}

/** `list_presets`: the user's presets, then the built-in ones. */
export async function listPresetsTool(runtime: McpRuntime): Promise<CallToolResult> {
  const { presets, problems } = await loadPresets({
    explicitPath: runtime.settings.config,
    cwd: runtime.settings.cwd,
    env: runtime.settings.env,
  });
  const lines = presets.map((preset) => {
    const options = describePresetOptions(preset.options);
    return `- ${preset.name}: ${preset.prompt}${options ? ` (${options})` : ''}`;
  });
  return {
    content: [{ type: 'text', text: [...lines, ...problems.map((p) => `Note: ${p}`)].join('\n') }],
    structuredContent: {
      presets: presets.map((preset) => ({
        name: preset.name,
        prompt: preset.prompt,
        source: preset.source,
        ...(preset.options ? { options: preset.options } : {}),
      })),
    },
  };
}

/** `edit_history`: the records of an image's past edits, read from the results on disk. */
export async function editHistoryTool(
  runtime: McpRuntime,
  args: { image: string; limit?: number | undefined },
): Promise<CallToolResult> {
  const [image] = (await checkedPaths(runtime, { images: [args.image] })).images;
  const edits = await editHistoryOf(nodeOutputFileSystem, image!, { limit: args.limit ?? 20 });
  const lines = edits.map(
    (edit) =>
      `- ${edit.createdAt}: "${edit.prompt}" with ${edit.provider}:${edit.model}, ${formatCost(edit.cost)} → ${edit.outputs.map((o) => o.location).join(', ')}`,
  );
  return {
    content: [
      {
        type: 'text',
        text: edits.length
          ? [`${edits.length} edit(s) of ${image}:`, ...lines].join('\n')
          : `No edits of ${image} found.`,
      },
    ],
    structuredContent: { image: image!, edits: edits as unknown as Record<string, unknown>[] },
  };
}
