import type { InputCheck } from '@retouch/session';
import type * as vscode from 'vscode';
import { editSession } from '../host/edit-session.js';
import type { RetouchServices } from '../host/services.js';
import { keepInputWanted } from '../host/settings.js';
import { showAdvice, showEditError } from '../ui/show-edit-error.js';
import type { EditTarget } from './prepare-model.js';

/**
 * Right after the images (and mask) are picked, before the prompt: the session's check of the
 * inputs against the model, the one the CLI runs. What is VS Code's: the problems are shown one
 * per line, with Select Provider and Model when another model could take them, and a read that
 * fails is reported like a failed edit. Resolves whether the edit can go on.
 */
export async function checkSources(
  services: RetouchServices,
  target: EditTarget,
  images: readonly vscode.Uri[],
  mask?: vscode.Uri,
  /** Edit Each: every image goes on its own, so each is checked alone (no combined count). */
  each = false,
): Promise<boolean> {
  const { plugin } = target.prepared.entry;
  let check: InputCheck;
  try {
    check = await editSession(services, { secrets: target.prepared.secrets }).checkInputs({
      provider: target.prepared.provider,
      model: target.model.id,
      images,
      ...(mask ? { mask } : {}),
      each,
      keepInput: keepInputWanted(),
    });
  } catch (error) {
    showEditError(services.log, error, target.prepared.secrets, plugin.id, {
      providerName: plugin.displayName,
    });
    return false;
  }
  if (check.ok) return true;
  services.log.warn(
    `Refused before the prompt: ${check.advice.title} ${check.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`,
  );
  void showAdvice(services.log, check.advice, { providerId: plugin.id });
  return false;
}
