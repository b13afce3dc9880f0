import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import type { AgentToolInput, AgentToolName } from './agent-tool-input.js';
import type { AgentToolRuntime } from './agent-tool-runtime.js';

const toolNames: readonly AgentToolName[] = [
  'retouch_editImage',
  'retouch_editEach',
  'retouch_estimateCost',
];

export const restrictedModeMessage =
  'Retouch image tools are unavailable in Restricted Mode: trust this workspace to let agents edit its images.';

/** `vscode.lm.registerMcpServerDefinitionProvider` and its server class (VS Code 1.101+), absent from @types/vscode 1.96. */
interface McpApi {
  registerMcpServerDefinitionProvider?: (
    id: string,
    provider: { provideMcpServerDefinitions(): unknown[] },
  ) => vscode.Disposable;
}
type McpStdioServerDefinitionClass = new (
  label: string,
  command: string,
  args: string[],
) => unknown;

/**
 * Registers the language-model tools (and, where VS Code has the API, the `retouch mcp` server
 * definition). Their work loads with the edit runtime on first use; in Restricted Mode each
 * tool refuses with a clear message.
 */
export function registerAgentTools(
  services: RetouchServices,
  runtime: () => AgentToolRuntime,
): void {
  const lm = vscode.lm as typeof vscode.lm | undefined;
  if (typeof lm?.registerTool !== 'function') return;
  for (const name of toolNames) {
    const tool: vscode.LanguageModelTool<AgentToolInput> = {
      async prepareInvocation(options) {
        if (!vscode.workspace.isTrusted) throw new Error(restrictedModeMessage);
        const confirmation = await runtime().prepare(name, options.input);
        return {
          invocationMessage: confirmation.title,
          ...(name === 'retouch_estimateCost'
            ? {}
            : {
                confirmationMessages: {
                  title: confirmation.title,
                  message: new vscode.MarkdownString(confirmation.message),
                },
              }),
        };
      },
      async invoke(options) {
        if (!vscode.workspace.isTrusted) throw new Error(restrictedModeMessage);
        const text = await runtime().invoke(name, options.input);
        return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(text)]);
      },
    };
    services.context.subscriptions.push(lm.registerTool(name, tool));
  }
  const mcp = lm as unknown as McpApi;
  const Definition = (
    vscode as unknown as { McpStdioServerDefinition?: McpStdioServerDefinitionClass }
  ).McpStdioServerDefinition;
  if (typeof mcp.registerMcpServerDefinitionProvider === 'function' && Definition) {
    services.context.subscriptions.push(
      mcp.registerMcpServerDefinitionProvider('retouch.mcp', {
        provideMcpServerDefinitions: () =>
          vscode.workspace.isTrusted
            ? [new Definition('Retouch', 'npx', ['-y', '@retouch/cli', 'mcp'])]
            : [],
      }),
    );
  }
}
