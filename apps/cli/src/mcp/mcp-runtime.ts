import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CostEstimate, EditImageOptions } from '@retouch/core';
import { RetouchError } from '@retouch/core';
import { hashFile, nodeOutputFileSystem } from '@retouch/output/node';
import { createSession, type EditRequest, formatCost, type Session } from '@retouch/session';
import { cliVersion } from '../cli-version.js';
import { apiKeyNeed } from '../config/api-key-need.js';
import {
  type ConfiguredProvider,
  createConfiguredProvider,
} from '../config/create-configured-provider.js';
import { RootGuard } from './root-guard.js';
import type { SessionBudget } from './session-budget.js';

/** What the server was started with: the same environment and config `retouch edit` reads. */
export interface McpSettings {
  env: NodeJS.ProcessEnv;
  cwd: string;
  config?: string;
  budget: SessionBudget;
  /** Ask before an edit whose estimate is above this (or unknown); undefined never asks. */
  confirmAbove?: number;
}

/** What a tool needs from the connection: the client's roots, and a way to ask the user. */
export interface McpClientAccess {
  rootUris(): Promise<string[] | undefined>;
  /** Undefined when the client cannot ask its user (no elicitation). */
  confirm?: (message: string) => Promise<boolean>;
}

/** The agent's edit arguments that map onto the session's options. */
export interface AgentEditArgs {
  n?: number | undefined;
  size?: string | undefined;
  quality?: string | undefined;
  format?: 'png' | 'jpeg' | 'webp' | undefined;
  background?: 'auto' | 'transparent' | 'opaque' | undefined;
  provider?: string | undefined;
  model?: string | undefined;
  out?: string | undefined;
}

/**
 * The pieces every tool shares: the roots guard, the provider configured exactly as for
 * `retouch edit`, and a session whose cost confirmation goes to the user through the client.
 */
export class McpRuntime {
  readonly secrets = new Set<string>();

  constructor(
    readonly settings: McpSettings,
    private readonly client: McpClientAccess,
  ) {}

  async guard(): Promise<RootGuard> {
    const uris = await this.client.rootUris();
    return RootGuard.fromUris(uris ?? [], this.settings.cwd);
  }

  async provider(args: Pick<AgentEditArgs, 'provider' | 'model'>): Promise<ConfiguredProvider> {
    return createConfiguredProvider({
      flags: { provider: args.provider, model: args.model, config: this.settings.config },
      env: this.settings.env,
      cwd: this.settings.cwd,
      addSecrets: (secrets) => {
        for (const secret of secrets) if (secret) this.secrets.add(secret);
      },
    });
  }

  /** A session over the local disk; `confirm` asks the user above the threshold. */
  session(options: { confirm: boolean }): Session<string> {
    return createSession({
      fs: nodeOutputFileSystem,
      tool: { name: '@retouch/cli mcp', version: cliVersion },
      rescueFolder: join(tmpdir(), 'retouch-rescued'),
      secrets: [...this.secrets],
      imageInput: (path) => path,
      sha256: hashFile,
      folderAdvice: () => ({
        field: 'out',
        advice: 'Name another folder inside the workspace with "out".',
      }),
      ...(options.confirm ? { confirmCost: (estimate) => this.confirmCost(estimate) } : {}),
    });
  }

  /** The request for the session: every path already checked against the roots. */
  request(
    configured: ConfiguredProvider,
    args: AgentEditArgs,
    paths: { images: string[]; mask?: string; markup?: string; out?: string },
    prompt: string | undefined,
    each: boolean,
  ): EditRequest<string> {
    const options: Partial<EditImageOptions> = {
      ...(args.n === undefined ? {} : { n: args.n }),
      ...(args.size === undefined ? {} : { size: args.size }),
      ...(args.quality === undefined ? {} : { quality: args.quality }),
      ...(args.format === undefined ? {} : { outputFormat: args.format }),
      ...(args.background === undefined ? {} : { background: args.background }),
    };
    const remaining = this.settings.budget.remaining();
    return {
      provider: configured.provider,
      ...(configured.settings.model ? { model: configured.settings.model } : {}),
      ...(prompt === undefined ? {} : { prompt }),
      images: paths.images,
      ...(paths.mask === undefined ? {} : { mask: paths.mask }),
      ...(paths.markup === undefined ? {} : { markup: paths.markup }),
      ...(paths.out === undefined ? {} : { out: paths.out }),
      options,
      each,
      pricingOverrides: configured.pricing,
      ...(remaining === undefined ? {} : { maxCost: remaining }),
      ...(configured.endpoint ? { endpoint: configured.endpoint } : {}),
      key: apiKeyNeed(configured, { anyEndpoint: true }),
    };
  }

  private async confirmCost(estimate: CostEstimate): Promise<boolean> {
    // The budget is checked first: an edit it refuses is never put to the user.
    this.settings.budget.check(estimate);
    const above = this.settings.confirmAbove;
    if (above === undefined) return true;
    if (estimate.kind === 'estimate' && estimate.amount <= above) return true;
    const cost = formatCost(estimate);
    if (!this.client.confirm) {
      throw new RetouchError({
        code: 'cancelled',
        message: `Not sent: this edit is estimated at ${cost}, above the confirmation threshold of ${above.toFixed(2)}, and this client cannot ask the user to confirm. Ask the user, or use a cheaper edit (lower quality, fewer results).`,
      });
    }
    return this.client.confirm(`Retouch: send an image edit estimated at ${cost}?`);
  }
}
