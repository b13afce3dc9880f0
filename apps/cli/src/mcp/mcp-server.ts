import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { adviseError } from '@retouch/session';
import { cliVersion } from '../cli-version.js';
import {
  EachBatches,
  type EditEachArgs,
  type EditImageArgs,
  editImageTool,
  type ToolCall,
} from './edit-tools.js';
import {
  type EstimateArgs,
  editHistoryTool,
  estimateCostTool,
  listModelsTool,
  listPresetsTool,
} from './info-tools.js';
import { type McpClientAccess, McpRuntime, type McpSettings } from './mcp-runtime.js';
import {
  descriptions,
  editEachShape,
  editImageShape,
  estimateShape,
  historyShape,
  listModelsShape,
} from './tool-schemas.js';

/** The SDK's per-request extra, as far as the tools use it. */
interface RequestExtra {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number } | undefined;
  sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; total?: number; message?: string };
  }) => Promise<void>;
}

/**
 * The Retouch MCP server: six tools over `@retouch/session`, paths held to the client's roots,
 * a session budget, and costly edits confirmed by the user where the client can ask.
 */
export function createRetouchMcpServer(settings: McpSettings): McpServer {
  const server = new McpServer(
    { name: 'retouch', title: 'Retouch image editing', version: cliVersion },
    {
      instructions:
        'Edits images with AI models (OpenAI-compatible or queue providers): edit_image for one edit, edit_each to apply one prompt to many images, estimate_cost before costly edits. Paths must be inside the workspace roots.',
    },
  );
  const client: McpClientAccess = {
    async rootUris() {
      if (!server.server.getClientCapabilities()?.roots) return undefined;
      const { roots } = await server.server.listRoots();
      return roots.map((root: { uri: string }) => root.uri);
    },
    confirm: async (message) => {
      const result = await server.server.elicitInput({
        message,
        requestedSchema: {
          type: 'object',
          properties: { send: { type: 'boolean', title: 'Send the edit', default: true } },
        },
      });
      return result.action === 'accept' && result.content?.send !== false;
    },
  };
  const runtime = new McpRuntime(settings, {
    rootUris: client.rootUris,
    get confirm() {
      return server.server.getClientCapabilities()?.elicitation ? client.confirm : undefined;
    },
  });
  const batches = new EachBatches();

  const tool =
    <Args>(handler: (args: Args, call: ToolCall) => Promise<CallToolResult>) =>
    async (args: Args, extra: RequestExtra): Promise<CallToolResult> => {
      const token = extra._meta?.progressToken;
      const call: ToolCall = {
        signal: extra.signal,
        ...(token === undefined
          ? {}
          : {
              progress: (progress, total, message) => {
                void extra
                  .sendNotification({
                    method: 'notifications/progress',
                    params: {
                      progressToken: token,
                      progress,
                      ...(total ? { total } : {}),
                      message,
                    },
                  })
                  .catch(() => {});
              },
            }),
      };
      try {
        return await handler(args, call);
      } catch (error) {
        const advice = adviseError(error, { provider: 'Retouch', secrets: [...runtime.secrets] });
        const text = [advice.detail, ...advice.problems.map((p) => `- ${p}`)].join('\n');
        return {
          isError: true,
          content: [{ type: 'text', text }],
          structuredContent: { error: advice.code, message: advice.detail },
        };
      }
    };

  server.registerTool(
    'edit_image',
    { title: 'Edit image', description: descriptions.edit_image, inputSchema: editImageShape },
    tool<EditImageArgs>((args, call) => editImageTool(runtime, args, call)),
  );
  server.registerTool(
    'edit_each',
    { title: 'Edit each image', description: descriptions.edit_each, inputSchema: editEachShape },
    tool<EditEachArgs>((args, call) => batches.run(runtime, args, call)),
  );
  server.registerTool(
    'estimate_cost',
    {
      title: 'Estimate cost',
      description: descriptions.estimate_cost,
      inputSchema: estimateShape,
      annotations: { readOnlyHint: true },
    },
    tool<EstimateArgs>((args) => estimateCostTool(runtime, args)),
  );
  server.registerTool(
    'list_models',
    {
      title: 'List models',
      description: descriptions.list_models,
      inputSchema: listModelsShape,
      annotations: { readOnlyHint: true },
    },
    tool<{ provider?: string | undefined }>((args) => listModelsTool(runtime, args)),
  );
  server.registerTool(
    'list_presets',
    {
      title: 'List presets',
      description: descriptions.list_presets,
      inputSchema: {},
      annotations: { readOnlyHint: true },
    },
    tool(() => listPresetsTool(runtime)),
  );
  server.registerTool(
    'edit_history',
    {
      title: 'Edit history',
      description: descriptions.edit_history,
      inputSchema: historyShape,
      annotations: { readOnlyHint: true },
    },
    tool<{ image: string; limit?: number | undefined }>((args) => editHistoryTool(runtime, args)),
  );
  return server;
}
