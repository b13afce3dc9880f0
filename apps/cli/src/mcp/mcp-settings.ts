import { loadConfigFile } from '../config/load-config.js';
import type { McpSettings } from './mcp-runtime.js';
import { SessionBudget } from './session-budget.js';

/** What `retouch mcp` was started with: its flags, read without loading the engine. */
export interface McpStartOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** `--config`. */
  config?: string;
  /** `--max-cost`; else the config file's `maxCost`. */
  maxCost?: number;
  /** `--confirm-above`; else the config file's `confirmCostAbove`, else the default. */
  confirmAbove?: number;
}

/** The default confirmation threshold, as VS Code's `retouch.confirmCostAbove`. */
const defaultConfirmAbove = 0.25;

/**
 * The server's settings, the config file read for the budget and the threshold. Runs on the
 * first tool call (with the tools), not at start: `tools/list` answers without it, and a broken
 * config file is reported to that call, with the same advice `retouch edit` gives.
 */
export async function resolveMcpSettings(start: McpStartOptions): Promise<McpSettings> {
  const file = await loadConfigFile({
    explicitPath: start.config,
    cwd: start.cwd,
    env: start.env,
  });
  return {
    env: start.env,
    cwd: start.cwd,
    ...(start.config === undefined ? {} : { config: start.config }),
    budget: new SessionBudget(start.maxCost ?? amountOf(file?.data.maxCost)),
    confirmAbove:
      start.confirmAbove ?? amountOf(file?.data.confirmCostAbove) ?? defaultConfirmAbove,
  };
}

function amountOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
