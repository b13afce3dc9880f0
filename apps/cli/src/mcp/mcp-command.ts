import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { type CliContext, printOut } from '../cli-context.js';
import { loadConfigFile } from '../config/load-config.js';
import { parseMoney } from '../edit/batch-flags.js';
import { exitCodes } from '../exit-codes.js';
import { createRetouchMcpServer } from './mcp-server.js';
import { SessionBudget } from './session-budget.js';

export const mcpHelp = `Usage: retouch mcp [--max-cost <amount>] [--confirm-above <amount>] [--config <file>]

Runs Retouch as a Model Context Protocol server on stdin/stdout, for agents such as Claude Code,
Cursor and VS Code chat. Tools: edit_image, edit_each, estimate_cost, list_models, list_presets,
edit_history. Keys, endpoints and defaults come from the environment and the config file, as
for retouch edit. Paths must lie inside the roots the client shares (else the working directory).

Options:
      --max-cost <amount>       Budget for everything this server sends (default: the config
                                file's "maxCost"); an edit that could go over it is refused
      --confirm-above <amount>  Ask the user (MCP elicitation) before an edit estimated above
                                this (default: the config file's "confirmCostAbove", else 0.25);
                                refused where the client cannot ask
      --config <file>           Config file
  -h, --help                    Show this help`;

const mcpOptions = {
  'max-cost': { type: 'string' },
  'confirm-above': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The default confirmation threshold, as VS Code's `retouch.confirmCostAbove`. */
const defaultConfirmAbove = 0.25;

/** `retouch mcp`: serves until the client closes stdin. */
export async function mcpCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('mcp', args, mcpOptions);
  if (values.help) {
    await printOut(context, mcpHelp);
    return exitCodes.ok;
  }
  const file = await loadConfigFile({
    explicitPath: values.config,
    cwd: context.cwd,
    env: context.env,
  });
  const maxCost =
    values['max-cost'] === undefined
      ? amountOf(file?.data.maxCost)
      : parseMoney(values['max-cost']);
  const confirmAbove =
    values['confirm-above'] === undefined
      ? (amountOf(file?.data.confirmCostAbove) ?? defaultConfirmAbove)
      : parseMoney(values['confirm-above']);
  const server = createRetouchMcpServer({
    env: context.env,
    cwd: context.cwd,
    ...(values.config === undefined ? {} : { config: values.config }),
    budget: new SessionBudget(maxCost),
    confirmAbove,
  });
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  process.stdin.once('end', () => void server.close());
  await closed;
  return exitCodes.ok;
}

function amountOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
