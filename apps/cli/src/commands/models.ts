import type { ModelInfo } from '@retouch/core';
import { describeModelLifecycle } from '@retouch/core/provider';
import { parseCommandArgs } from '../args/parse-command-args.js';
import { parseChoice } from '../args/parse-values.js';
import { addSecrets, type CliContext, printErr, printOut } from '../cli-context.js';
import { createConfiguredProvider } from '../config/create-configured-provider.js';
import { exitCodes } from '../exit-codes.js';
import { formatModel } from './format-model.js';
import { listWithServer, type ServerListing } from './list-with-server.js';

export const modelsHelp = `Usage: retouch models [--provider <name>] [--json]

Lists the models a provider knows and what each accepts: its wire, sizes, how many images,
masks, formats, backgrounds, quality levels, input fidelity, streaming, and when it shuts down.
With a key or a base URL configured, the server's own model list (GET /models) is merged in,
with its shutdown dates. Gateways may serve more models than listed; add them under "models" in
the provider's config.

Options:
      --provider <name>     openai-compatible (default), queue, or an installed plugin package
      --base-url <url>      Provider endpoint
      --wire <images|chat>  openai-compatible: show the models as served over this wire
      --offline             Do not ask the server; show the built-in and configured models
      --config <file>       Config file
      --json                Print JSON
  -h, --help                Show this help`;

const modelsOptions = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  wire: { type: 'string' },
  offline: { type: 'boolean' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function modelsCommand(context: CliContext, args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('models', args, modelsOptions);
  if (values.help) {
    await printOut(context, modelsHelp);
    return exitCodes.ok;
  }
  const { plugin, provider, settings } = await createConfiguredProvider({
    flags: {
      provider: values.provider ?? positionals[0],
      baseUrl: values['base-url'],
      config: values.config,
      wire:
        values.wire === undefined
          ? undefined
          : parseChoice('models', '--wire', values.wire, ['images', 'chat'] as const),
    },
    env: context.env,
    cwd: context.cwd,
    addSecrets: (secrets) => addSecrets(context, secrets),
  });
  // Without a key or an endpoint of the user's, asking would only earn a 401 from the default host.
  const configured =
    settings.keySource !== undefined || settings.pluginConfig.baseURL !== undefined;
  const { models, server } = await listWithServer(provider, !values.offline && configured);
  if (context.machine) {
    await printOut(
      context,
      JSON.stringify({ provider: plugin.id, displayName: plugin.displayName, server, models }),
    );
    return exitCodes.ok;
  }
  if (server.status === 'unavailable') {
    await printErr(context, `retouch: note: ${server.message}`);
  }
  const now = new Date();
  const blocks = models.map((model) => formatModel(model, describeModelLifecycle(model, now)));
  await printOut(
    context,
    [heading(plugin.displayName, plugin.id, models, server), '', ...blocks].join('\n'),
  );
  return exitCodes.ok;
}

function heading(
  displayName: string,
  id: string,
  models: readonly ModelInfo[],
  server: ServerListing,
): string {
  const count = `${models.length} model${models.length === 1 ? '' : 's'}`;
  const from = server.status === 'merged' ? ' (with the server’s list)' : '';
  return `${displayName} (${id}): ${count}${from}`;
}
