import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { CliContext } from '../cli-context.js';
import type { ExitCode } from '../exit-codes.js';
import { createRetouchMcpServer } from './mcp-server.js';

// What this file imports is what `retouch mcp` loads before it answers `tools/list`: Node, the
// MCP SDK and the tools' schemas. The engine, the session, the providers and the config file
// are loaded by the first tool call (mcp-server.ts); error wording loads only on an error.

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

/** `exitCodes.ok`, typed against the table without loading the session at start or at exit. */
const ok: ExitCode = 0;

const mcpOptions = {
  'max-cost': { type: 'string' },
  'confirm-above': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `retouch mcp`: serves until the client closes stdin. */
export async function mcpCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const values = await parseMcpArgs(args);
  if (values.help) {
    await (await import('../cli-context.js')).printOut(context, mcpHelp);
    return ok;
  }
  const maxCost = await amountFlag('max-cost', values['max-cost']);
  const confirmAbove = await amountFlag('confirm-above', values['confirm-above']);
  const server = createRetouchMcpServer({
    env: context.env,
    cwd: context.cwd,
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(maxCost === undefined ? {} : { maxCost }),
    ...(confirmAbove === undefined ? {} : { confirmAbove }),
  });
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  process.stdin.once('end', () => void server.close());
  await closed;
  return ok;
}

async function parseMcpArgs(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], options: mcpOptions, allowPositionals: true, strict: true })
      .values;
  } catch {
    // The CLI's own parser words the usage error (it throws the same refusal, with its help).
    const { parseCommandArgs } = await import('../args/parse-command-args.js');
    return parseCommandArgs('mcp', args, mcpOptions).values;
  }
}

/** `0.50` or `$0.50`, a non-negative amount; anything else is refused with this command's usage. */
async function amountFlag(flag: string, text: string | undefined): Promise<number | undefined> {
  if (text === undefined) return undefined;
  const amount = Number(text.trim().replace(/^\$/, ''));
  if (/^\$?\d+(\.\d+)?$/.test(text.trim()) && Number.isFinite(amount)) return amount;
  const { usageError } = await import('../args/parse-command-args.js');
  throw usageError('mcp', `--${flag} must be an amount such as 0.50, not "${text}"`, flag);
}
