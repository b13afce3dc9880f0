import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { cliVersion } from '../cli-version.js';
import type { EditEachArgs, EditImageArgs, ToolCall } from './edit-tools.js';
import type { EstimateArgs } from './info-tools.js';
import { LazyJsonSchemaValidator } from './lazy-json-schema-validator.js';
import type { McpClientAccess } from './mcp-runtime.js';
import type { McpStartOptions } from './mcp-settings.js';
import { toolList } from './tool-list.js';
import { toolConfigs } from './tool-schemas.js';

type Tools = typeof import('./mcp-tools.js');

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
 * a session budget, and costly edits confirmed by the user where the client can ask. Only the
 * tools' names and schemas are read at start; their work loads with the first call.
 */
export function createRetouchMcpServer(start: McpStartOptions): McpServer {
  const server = new McpServer(
    { name: 'retouch', title: 'Retouch image editing', version: cliVersion },
    {
      instructions:
        'Edits images with AI models (OpenAI-compatible, queue or Google providers): edit_image for one edit, edit_each to apply one prompt to many images, estimate_cost before costly edits. Paths must be inside the workspace roots.',
      jsonSchemaValidator: new LazyJsonSchemaValidator(),
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
  let loaded:
    | Promise<{
        tools: Tools;
        runtime: InstanceType<Tools['McpRuntime']>;
        batches: InstanceType<Tools['EachBatches']>;
      }>
    | undefined;
  const load = () => {
    loaded ??= import('./mcp-tools.js')
      .then(async (tools) => ({
        tools,
        runtime: new tools.McpRuntime(await tools.resolveMcpSettings(start), {
          rootUris: client.rootUris,
          get confirm() {
            return server.server.getClientCapabilities()?.elicitation ? client.confirm : undefined;
          },
        }),
        batches: new tools.EachBatches(),
      }))
      .catch((error: unknown) => {
        // A config file fixed after a failed call is read again by the next one.
        loaded = undefined;
        throw error;
      });
    return loaded;
  };

  type Loaded = Awaited<ReturnType<typeof load>>;
  const tool =
    <Args>(handler: (loaded: Loaded, args: Args, call: ToolCall) => Promise<CallToolResult>) =>
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
      let current: Loaded | undefined;
      try {
        current = await load();
        return await handler(current, args, call);
      } catch (error) {
        const { adviseError } = await import('./mcp-tools.js');
        const advice = adviseError(error, {
          provider: 'Retouch',
          secrets: current ? [...current.runtime.secrets] : [],
        });
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
    toolConfigs.edit_image,
    tool<EditImageArgs>(({ tools, runtime }, args, call) =>
      tools.editImageTool(runtime, args, call),
    ),
  );
  server.registerTool(
    'edit_each',
    toolConfigs.edit_each,
    tool<EditEachArgs>(({ runtime, batches }, args, call) => batches.run(runtime, args, call)),
  );
  server.registerTool(
    'estimate_cost',
    toolConfigs.estimate_cost,
    tool<EstimateArgs>(({ tools, runtime }, args) => tools.estimateCostTool(runtime, args)),
  );
  server.registerTool(
    'list_models',
    toolConfigs.list_models,
    tool<{ provider?: string | undefined }>(({ tools, runtime }, args) =>
      tools.listModelsTool(runtime, args),
    ),
  );
  server.registerTool(
    'list_presets',
    toolConfigs.list_presets,
    tool(({ tools, runtime }) => tools.listPresetsTool(runtime)),
  );
  server.registerTool(
    'edit_history',
    toolConfigs.edit_history,
    tool<{ image: string; limit?: number | undefined }>(({ tools, runtime }, args) =>
      tools.editHistoryTool(runtime, args),
    ),
  );
  // The SDK would turn the six zod schemas into JSON Schema on every `tools/list`, and the first
  // time costs as much as a tenth of the start; the answer is the list it makes of the same
  // configs, made once (tool-list.ts, which tool-list.test.ts keeps equal to the SDK's own).
  server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: toolList }));
  return server;
}
