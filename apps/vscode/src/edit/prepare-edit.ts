import type * as vscode from 'vscode';
import type { RetouchServices } from '../host/services.js';
import { checkApiKey } from './check-api-key.js';
import { checkSources } from './check-sources.js';
import { type EditTarget, prepareSelectedModel } from './prepare-model.js';

/**
 * Everything checked before the user is asked for a prompt: the provider's settings, its key,
 * and the picked images against the chosen model. Reports each problem itself (with the button
 * that fixes it) and resolves undefined; else the target to edit with.
 */
export async function prepareEdit(
  services: RetouchServices,
  images: readonly vscode.Uri[],
  /** Edit Each: each image is checked as an edit of its own. */
  options: { each?: boolean } = {},
): Promise<EditTarget | undefined> {
  const selected = await prepareSelectedModel(services, images[0]);
  if (!selected) return undefined;
  const target = await checkApiKey(services, selected, images[0]);
  if (!target) return undefined;
  return (await checkSources(services, target, images, undefined, options.each))
    ? target
    : undefined;
}
