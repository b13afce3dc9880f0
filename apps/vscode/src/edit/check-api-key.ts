import * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { builtInProviderConfig } from '../host/settings.js';
import { type EditTarget, prepareSelectedModel } from './prepare-model.js';

/** Hosted APIs that never answer without a key. */
const hostedApis = [
  /(^|\.)openai\.com$/,
  /(^|\.)openai\.azure\.com$/,
  /(^|\.)fal\.run$/,
  /(^|\.)openrouter\.ai$/,
];

/** Endpoints that refused an edit sent without a key (a gateway on localhost, say). */
const needKeyState = 'retouch.endpointsNeedingKey';

function endpointOf(target: EditTarget): URL | undefined {
  if (!target.prepared.entry.builtIn) return undefined;
  const baseURL = builtInProviderConfig(target.prepared.entry.plugin.id).baseURL;
  try {
    return typeof baseURL === 'string' ? new URL(baseURL) : undefined;
  } catch {
    return undefined;
  }
}

function endpointId(target: EditTarget): string {
  return `${target.prepared.entry.plugin.id} ${endpointOf(target)?.origin ?? ''}`;
}

/**
 * Before the prompt: a provider that takes a key but has none stored, for an endpoint known to
 * need one (a hosted API, or one that refused a keyless edit before), is offered Set API Key…,
 * and the edit carries on with the new key. An endpoint that may need none (a local gateway) is
 * left to answer for itself. Resolves the target to use, or undefined when the user stops.
 */
export async function checkApiKey(
  services: RetouchServices,
  target: EditTarget,
  scope: vscode.Uri | undefined,
): Promise<EditTarget | undefined> {
  const { plugin } = target.prepared.entry;
  if (plugin.secretFields.length === 0 || target.prepared.secrets.length > 0) return target;
  const endpoint = endpointOf(target);
  const hosted = endpoint !== undefined && hostedApis.some((host) => host.test(endpoint.hostname));
  const refusedBefore = (services.context.globalState.get<string[]>(needKeyState) ?? []).includes(
    endpointId(target),
  );
  if (!hosted && !refusedBefore) return target;

  const setKey: vscode.MessageItem = { title: 'Set API Key…' };
  const answer = await vscode.window.showWarningMessage(
    `Retouch: ${plugin.displayName} needs an API key${endpoint ? ` for ${endpoint.host}` : ''}.`,
    {
      modal: true,
      detail:
        "Set it now and the edit carries on. It is kept in VS Code's secret storage, never in a settings file.",
    },
    setKey,
  );
  if (answer !== setKey) return undefined;
  await vscode.commands.executeCommand('retouch.setApiKey', plugin.id);
  // With the key stored, the provider is created again so the edit uses it.
  const again = await prepareSelectedModel(services, scope, {
    provider: plugin.id,
    model: target.model.id,
  });
  return again && again.prepared.secrets.length > 0 ? again : undefined;
}

/** After an endpoint refused an edit sent without a key: ask for one before the next prompt. */
export async function rememberEndpointNeedsKey(
  services: RetouchServices,
  target: EditTarget,
): Promise<void> {
  if (target.prepared.secrets.length > 0) return;
  const known = services.context.globalState.get<string[]>(needKeyState) ?? [];
  const id = endpointId(target);
  if (!known.includes(id)) await services.context.globalState.update(needKeyState, [...known, id]);
}
